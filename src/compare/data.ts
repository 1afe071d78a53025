/**
 * The data of `govreport compare`: reports of output folders (or .sqlite
 * exports) reduced to CompareReports, agencies identified, cross-report
 * problems found.
 *
 * For the command and the page (src/commands/compare.ts, src/compare/page/):
 *   const data = await buildCompareData(inputs, { agencies: flags.agencies });
 *   `--json`:  process.stdout.write(compareJson(data))       (json.ts)
 *   viewer:    const report = await loadReport(data.reports[i])   (the whole Report, cells with provenance)
 * buildCompareData throws only for an input that cannot be used at all (a
 * missing path, a Parquet/CSV export, a .sqlite that is no export, a
 * malformed --agencies file); a bad JSON file is listed in `skipped`.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { Cell, Report } from '../model/report.js';
import { formatVersionSchema, reportSchema } from '../model/report.js';
import { metadataInDoubt } from '../model/problems.js';
import { findReportFiles } from '../export/report-files.js';
import { parseReport } from '../export/read-report.js';
import { agencyIdentities } from '../agency/identity.js';
import { readAgencyMapping } from '../agency/mapping.js';
import {
  checkCarryOver,
  checkDepartmentsAgainstGovernments,
  checkOutliers,
  checkVersions,
  versionGroups,
} from './cross-checks.js';
import { readExportSummaries, readExportedReport } from './export-input.js';
import { type PrintedCell, carryCells, carryOverKeys, groupFigureKeys, reportFigures } from './figures.js';
import type { CompareAgency, CompareData, CompareReport, CrossProblem } from './model.js';
import { figureKeys } from './model.js';
import { compareCrosswalk, crosswalkKeys, pre2019Figures } from './crosswalk.js';
import { compareSettings } from './settings.js';
import { findSource, recordedSources } from './source-path.js';
import { append } from '../arrays.js';

export interface CompareOptions {
  /** A mapping file (CSV or JSON) that overrides agency keys, levels and regions (src/agency/mapping.ts). */
  agencies?: string;
}

/** A report as loaded, before its agency is identified; with the carry-over cells kept for the checks. */
interface Loaded {
  report: CompareReport;
  carry: Record<string, PrintedCell>;
}

type Skipped = CompareData['skipped'];

/** Cells read from every report: the figures, the group figures' rows, the carry-over rows, the pre-2019 figures the crosswalk continues. */
const summaryKeys = [
  ...new Set([
    ...Object.values(figureKeys),
    ...Object.values(groupFigureKeys).flat(),
    ...carryOverKeys.carriedOver,
    ...carryOverKeys.carriedForward,
    ...crosswalkKeys,
  ]),
];

const refusedExports: Record<string, string> = {
  '.parquet': 'a Parquet export',
  '.csv': 'a CSV export',
};

export async function buildCompareData(inputs: string[], options: CompareOptions = {}): Promise<CompareData> {
  const overrides = options.agencies ? await readAgencyMapping(options.agencies) : new Map();
  const skipped: Skipped = [];
  const loaded: Loaded[] = [];
  const labels = inputLabels(inputs);
  for (const [i, input] of inputs.entries()) {
    append(loaded, await loadInput(input, labels[i]!, inputs.length > 1, skipped));
  }
  loaded.sort((a, b) => (a.report.id < b.report.id ? -1 : a.report.id > b.report.id ? 1 : 0));

  const identities = agencyIdentities(
    loaded.map((l) => l.report.agency).filter((a): a is string => a !== null),
    overrides,
  );
  for (const { report } of loaded) {
    const identity = report.agency !== null ? identities.get(report.agency) : undefined;
    if (identity) Object.assign(report, { agencyKey: identity.key, level: identity.level, region: identity.region });
  }
  const reports = loaded.map((l) => l.report);
  const problems: CrossProblem[] = [
    ...checkCarryOver(loaded.map((l) => ({ report: l.report, cells: l.carry }))),
    ...(await versionProblems(reports)),
    ...checkDepartmentsAgainstGovernments(reports),
    ...checkOutliers(reports),
  ];
  return {
    schema: 'govreport-compare/1',
    generatedBy: `govreport ${await packageVersion()}`,
    reports,
    agencies: agenciesOf(reports),
    crosswalk: compareCrosswalk,
    problems,
    skipped,
  };
}

/** version.ts reads package.json relative to the compiled dist/ tree; from the TypeScript sources (tests) it is not found. */
async function packageVersion(): Promise<string> {
  return import('../version.js').then(
    (m) => m.version,
    () => '(version unknown)',
  );
}

/** The whole report behind a CompareReport, for the viewer (and the version check). */
export async function loadReport(r: CompareReport): Promise<Report> {
  if (r.exportReportId !== undefined) return readExportedReport(r.jsonPath, r.exportReportId);
  const text = await readFile(r.jsonPath, 'utf8');
  const json: unknown = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const parsed = reportSchema.safeParse(json);
  // A later model may add fields the strict schema refuses; the report is still what the file says.
  return parsed.success ? parsed.data : (json as Report);
}

/** The last folder name of each input, numbered where two are alike (out, out~2), for report ids. */
function inputLabels(inputs: string[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map((input) => {
    const name = basename(resolve(input)) || 'input';
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}~${n}`;
  });
}

/** The reports of one input; ids are paths relative to it, prefixed by its label when there are several inputs. */
async function loadInput(input: string, label: string, several: boolean, skipped: Skipped): Promise<Loaded[]> {
  const prefix = several ? `${label}/` : '';
  const info = await stat(input).catch((error: Error) => {
    throw new Error(`${input}: cannot be read (${error.message})`);
  });
  const extension = extname(input).toLowerCase();
  if (info.isDirectory()) {
    const found = await findReportFiles(input);
    append(skipped, found.skipped);
    const ids = found.files.map((file) => prefix + file.split(sep).join('/'));
    const ledger = recordedSources(input);
    const recorded = found.files.map((file) => ledger.get(file.split(sep).join('/')));
    return loadJsonFiles(found.files.map((file) => join(input, file)), ids, skipped, recorded);
  }
  if (extension === '.sqlite' || extension === '.db') return loadExport(input, label);
  if (refusedExports[extension]) {
    throw new Error(
      `${input}: ${refusedExports[extension]} cannot be compared (it is read back only from SQLite); ` +
        'give the output folder of `govreport convert`, or an export made with `--to file.sqlite`',
    );
  }
  if (extension === '.json') return loadJsonFiles([input], [prefix + basename(input)], skipped);
  throw new Error(`${input}: not an output folder, a report JSON or a .sqlite export of govreport`);
}

async function loadJsonFiles(paths: string[], ids: string[], skipped: Skipped, recorded: Array<string | undefined> = []): Promise<Loaded[]> {
  const out: Array<Loaded | undefined> = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const path = resolve(paths[i]!);
      const text = await readFile(path, 'utf8').catch((error: Error) => {
        skipped.push({ path, reason: `cannot be read (${error.message})` });
        return undefined;
      });
      if (text === undefined) continue;
      const parsed = parseReport(text);
      if ('skip' in parsed) {
        skipped.push({ path, reason: parsed.skip });
        continue;
      }
      const { report } = parsed;
      // pre2019.* keys never clash with the tables' keys: one record of what the report prints.
      const cells = { ...report.cells, ...report.pre2019 };
      out[i] = await summarize({ ...report, cells, ...problemFacts(report.problems) }, ids[i]!, path, recorded[i]);
    }
  };
  await Promise.all(Array.from({ length: compareSettings.readConcurrency }, worker));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out.filter((l): l is Loaded => l !== undefined);
}

interface ReportFacts {
  source: { file: string; sha256: string | null; format: string; reader: string; pages?: number };
  report: { title: string | null; agency: string | null; year: number | null; formatVersion: string };
  cells: Record<string, PrintedCell>;
  problemCounts: CompareReport['problemCounts'];
  problemCodes: string[];
  metadataInDoubt: boolean;
}

function problemFacts(problems: Array<{ code: string; severity: 'error' | 'warning' | 'info'; cells?: string[] }>): Pick<ReportFacts, 'problemCounts' | 'problemCodes' | 'metadataInDoubt'> {
  const problemCounts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) problemCounts[p.severity]++;
  return { problemCounts, problemCodes: [...new Set(problems.map((p) => p.code))].sort(), metadataInDoubt: metadataInDoubt(problems) };
}

/** The CompareReport of one report (its agency not yet identified) and its carry-over cells; the rest is dropped. */
async function summarize(report: ReportFacts, id: string, jsonPath: string, recordedSource?: string): Promise<Loaded> {
  const formatVersion = formatVersionSchema.safeParse(report.report.formatVersion);
  const pre2019 = formatVersion.success && formatVersion.data === 'pre2019';
  return {
    report: {
      id,
      jsonPath,
      file: report.source.file,
      sourcePath: await findSource(report.source.file, jsonPath, process.cwd(), recordedSource),
      sha256: report.source.sha256,
      format: report.source.format,
      reader: report.source.reader,
      pages: report.source.pages ?? null,
      title: report.report.title,
      agency: report.report.agency,
      agencyKey: null,
      level: 'unknown',
      region: null,
      year: report.report.year,
      formatVersion: formatVersion.success ? formatVersion.data : 'unknown',
      figures: pre2019 ? pre2019Figures(report.cells) : reportFigures(report.cells),
      ...(pre2019 ? { figuresVia: 'crosswalk' as const } : {}),
      problemCounts: report.problemCounts,
      problemCodes: report.problemCodes,
      ...(report.metadataInDoubt ? { metadataInDoubt: true } : {}),
    },
    carry: carryCells(report.cells),
  };
}

/** The reports of a .sqlite export; ids are `<export name>#<report_id>`. */
async function loadExport(path: string, label: string): Promise<Loaded[]> {
  const exportPath = resolve(path);
  const out: Loaded[] = [];
  for (const s of readExportSummaries(exportPath, summaryKeys)) {
    const facts: ReportFacts = {
      source: { file: s.file, sha256: s.sha256, format: s.format, reader: s.reader, ...(s.pages !== null ? { pages: s.pages } : {}) },
      report: { title: s.title, agency: s.agency, year: s.year, formatVersion: s.formatVersion },
      cells: s.cells,
      problemCounts: s.problemCounts,
      problemCodes: [...s.problemCodes].sort(),
      metadataInDoubt: s.metadataInDoubt,
    };
    const loaded = await summarize(facts, `${label}#${s.reportId}`, exportPath);
    loaded.report.exportReportId = s.reportId;
    out.push(loaded);
  }
  return out;
}

/** VERSION_* problems: the few reports of one agency and year are read again, whole, one group at a time. */
async function versionProblems(reports: CompareReport[]): Promise<CrossProblem[]> {
  const out: CrossProblem[] = [];
  for (const group of versionGroups(reports)) {
    const inputs: Array<{ report: CompareReport; cells: Record<string, Cell> }> = [];
    for (const report of group) {
      const whole = await loadReport(report).catch(() => undefined);
      if (whole) inputs.push({ report, cells: whole.cells });
    }
    append(out, checkVersions(inputs));
  }
  return out;
}

/** One entry per agency key: its fullest printed name and its reports by year. */
function agenciesOf(reports: CompareReport[]): CompareAgency[] {
  const byKey = new Map<string, CompareReport[]>();
  for (const r of reports) {
    if (r.agencyKey === null) continue;
    const list = byKey.get(r.agencyKey);
    if (list) list.push(r);
    else byKey.set(r.agencyKey, [r]);
  }
  return [...byKey.entries()]
    .map(([key, list]) => {
      const fullest = list.reduce((a, b) => ((b.agency ?? '').length > (a.agency ?? '').length ? b : a));
      const byYear = [...list].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.id < b.id ? -1 : 1));
      return {
        key,
        name: fullest.agency ?? key,
        level: fullest.level,
        region: fullest.region,
        reports: byYear.map((r) => r.id),
        formatBreak: formatBreak(list),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}


/** The years either side of the 2019 format break among an agency's reports (CompareAgency.formatBreak). */
export function formatBreak(reports: CompareReport[]): CompareAgency['formatBreak'] {
  const years = (old: boolean) =>
    reports.filter((r) => r.year !== null && (r.formatVersion === 'pre2019') === old && (old || r.formatVersion !== 'unknown')).map((r) => r.year!);
  const before = years(true);
  const after = years(false);
  if (before.length === 0 || after.length === 0) return null;
  return { lastPre2019: Math.max(...before), first2019: Math.min(...after) };
}
