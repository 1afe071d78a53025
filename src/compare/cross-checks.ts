/**
 * Problems found by comparing reports with one another (crossProblemCodes of
 * model.ts). Pure functions over reduced reports: each compares printed
 * values only, quotes them side by side, and never computes a value a report
 * should have printed. The rules are explained in docs/compare.md.
 */
import { applicantColumns } from '../../mappings/table3.js';
import { groupVersions, preferredVersion } from '../agency/versions.js';
import { groupBy } from '../arrays.js';
import type { Cell } from '../model/report.js';
import { cellDifferences } from '../model/cell-diff.js';
import { listed } from '../model/wording.js';
import { cellLabel } from './cell-labels.js';
import { type PrintedCell, carryOverKeys, printedNumber, printedText } from './figures.js';
import type { CellRef, CompareReport, CrossProblem, CrossProblemCode, FigureName } from './model.js';
import { crossProblemCodes, figureKeys } from './model.js';
import { compareSettings } from './settings.js';

function problem(code: CrossProblemCode, message: string, reports: CompareReport[], cells: CellRef[]): CrossProblem {
  return { code, severity: crossProblemCodes[code].severity, message, reports: reports.map((r) => r.id), cells };
}

/** How a message names a report: agency as printed, year, and the file. */
function named(r: CompareReport): string {
  return `${r.agency ?? '(no agency)'} ${r.year ?? '(no year)'} (${r.file})`;
}

function byId(a: CompareReport, b: CompareReport): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ── CARRYOVER_MISMATCH ────────────────────────────────────────────────────

/** A report with the carry-over cells of its Table 3 (carryCells of figures.ts). */
export interface CarryOverInput {
  report: CompareReport;
  cells: Record<string, PrintedCell | undefined>;
}

/**
 * This year's 二、上年结转 against last year's 四、结转下年度 of the same agency,
 * column by column, where both print a number. One problem per pair of
 * reports, naming every column that differs.
 */
export function checkCarryOver(inputs: CarryOverInput[]): CrossProblem[] {
  const out: CrossProblem[] = [];
  const byAgency = groupBy(inputs, (i) => (i.report.agencyKey !== null && i.report.year !== null ? i.report.agencyKey : null));
  for (const reports of byAgency.values()) {
    const byYear = groupBy(reports, (i) => String(i.report.year));
    for (const current of [...reports].sort((a, b) => byId(a.report, b.report))) {
      const previous = byYear.get(String(current.report.year! - 1)) ?? [];
      for (const last of [...previous].sort((a, b) => byId(a.report, b.report))) {
        const p = carryOverMismatch(current, last);
        if (p) out.push(p);
      }
    }
  }
  return out;
}

function carryOverMismatch(current: CarryOverInput, last: CarryOverInput): CrossProblem | null {
  const differing = applicantColumns
    .map((column, i) => ({ column, over: carryOverKeys.carriedOver[i]!, forward: carryOverKeys.carriedForward[i]! }))
    .filter(({ over, forward }) => {
      const [a, b] = [printedNumber(current.cells[over]), printedNumber(last.cells[forward])];
      return a !== null && b !== null && a !== b;
    });
  if (differing.length === 0) return null;
  const [y, r] = [current.report, last.report];
  const columns = differing
    .map(({ column, over, forward }) => `「${column.label}」 ${printedText(current.cells[over])} vs ${printedText(last.cells[forward])}`)
    .join('; ');
  const message =
    `${y.agency ?? y.agencyKey} ${y.year} 「二、上年结转政府信息公开申请数量」 ≠ ${r.year} 「四、结转下年度继续办理」` +
    ` (${y.year} vs ${r.year}): ${columns}. Files: ${y.year} ${y.file}; ${r.year} ${r.file}`;
  const cells = differing.flatMap(({ over, forward }) => [
    { report: y.id, key: over },
    { report: r.id, key: forward },
  ]);
  return problem('CARRYOVER_MISMATCH', message, [y, r], cells);
}

// ── VERSION_DIFFERS / VERSION_DUPLICATE ───────────────────────────────────

/** Reports of the same agency and year, in id order: several versions of one report. */
export function versionGroups(reports: CompareReport[]): CompareReport[][] {
  return groupVersions(reports)
    .filter((g) => g.length > 1)
    .map((g) => [...g].sort(byId));
}

/**
 * The report that stands for its agency in a year wherever agencies are
 * counted or drawn side by side (outliers, the page's peer chart), so that
 * versions do not count twice: the preferred version of agency/versions.ts,
 * the same one the export marks `preferred`. Reports without an agency or a
 * year stand for none.
 */
export function preferredVersions(reports: CompareReport[]): Set<CompareReport> {
  const facts = reports.map((report) => ({
    report,
    agencyKey: report.agencyKey,
    year: report.year,
    metadataInDoubt: report.metadataInDoubt ?? false,
    errors: report.problemCounts.error,
    warnings: report.problemCounts.warning,
  }));
  return new Set(groupVersions(facts).map((group) => preferredVersion(group, (a, b) => byId(a.report, b.report)).report));
}

export interface VersionInput {
  report: CompareReport;
  cells: Record<string, Cell>;
}

/**
 * One group of versions (versionGroups): each later file against the first,
 * VERSION_DIFFERS naming the cells printed differently, VERSION_DUPLICATE
 * where every cell agrees.
 */
export function checkVersions(group: VersionInput[], settings = compareSettings): CrossProblem[] {
  const [first, ...others] = group;
  if (!first) return [];
  return others.map((other) => {
    const differences = cellDifferences(first, other);
    const [a, b] = [first.report, other.report];
    if (differences.length === 0) {
      const same = a.sha256 !== null && a.sha256 === b.sha256 ? 'the same bytes' : 'different bytes, every cell printed alike';
      return problem('VERSION_DUPLICATE', `${named(a)} and ${b.file}: the same agency and year in two files (${same})`, [a, b], []);
    }
    const shown = listed(differences, (d) => `${d.key} ${cellLabel(d.key)} ${printedText(d.a)} vs ${printedText(d.b)}`, {
      max: settings.versionMessageCells,
      separator: '; ',
    });
    const message =
      `${a.agency ?? a.agencyKey} ${a.year} in two files printing ${differences.length} cell(s) differently, ` +
      `${a.file} vs ${b.file}: ${shown}`;
    const cells = differences.flatMap((d) => [
      { report: a.id, key: d.key },
      { report: b.id, key: d.key },
    ]);
    return problem('VERSION_DIFFERS', message, [a, b], cells);
  });
}

// ── DEPARTMENT_EXCEEDS_GOVERNMENT ─────────────────────────────────────────

/** How a message names a figure: its key and the template's labels. */
function figureLabel(name: FigureName): string {
  return `${figureKeys[name]} ${cellLabel(figureKeys[name])}`;
}

/**
 * A department's figure above its government's for the same year. Its
 * government is the agency of level government with the same region
 * (淮安市洪泽区财政局 → 洪泽区人民政府, both region 洪泽区); the government's
 * report is taken as the aggregate of its departments, which is what the
 * comparison questions.
 */
export function checkDepartmentsAgainstGovernments(reports: CompareReport[], settings = compareSettings): CrossProblem[] {
  const governments = groupBy(
    reports.filter((r) => r.level === 'government'),
    (r) => (r.region !== null && r.year !== null ? `${r.region}\u0000${r.year}` : null),
  );
  const out: CrossProblem[] = [];
  for (const department of [...reports].sort(byId)) {
    if (department.level !== 'department' || department.region === null || department.year === null) continue;
    for (const government of governments.get(`${department.region}\u0000${department.year}`) ?? []) {
      const larger = settings.departmentFigures.filter((name) => {
        const [d, g] = [department.figures[name], government.figures[name]];
        return d !== null && g !== null && d > g;
      });
      if (larger.length === 0) continue;
      const figures = larger.map((name) => `${figureLabel(name)} ${department.figures[name]} vs ${government.figures[name]}`).join('; ');
      const message =
        `${named(department)} prints more than its government ${named(government)} (same region ${department.region}, ` +
        `department vs government): ${figures}`;
      const cells = larger.flatMap((name) => [
        { report: department.id, key: figureKeys[name] },
        { report: government.id, key: figureKeys[name] },
      ]);
      out.push(problem('DEPARTMENT_EXCEEDS_GOVERNMENT', message, [department, government], cells));
    }
  }
  return out;
}

// ── OUTLIER ───────────────────────────────────────────────────────────────

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and median absolute deviation of the values. */
export function medianAndMad(values: number[]): { median: number; mad: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted);
  return { median: m, mad: median(sorted.map((v) => Math.abs(v - m)).sort((a, b) => a - b)) };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * A figure far above its peers: the agencies of the same level and year
 * (one report each, preferredVersions, so versions do not count twice) that
 * print it. With at least outlierMinPeers peers besides the agency itself,
 * the figure is an outlier when value > median + k · max(MAD, floor), median
 * and MAD taken over all those agencies. Only the high side: printing 0 is common.
 */
export function checkOutliers(reports: CompareReport[], settings = compareSettings): CrossProblem[] {
  const out: CrossProblem[] = [];
  const peerGroups = groupBy(reports, (r) => (r.level !== 'unknown' && r.year !== null && r.agencyKey !== null ? `${r.level}\u0000${r.year}` : null));
  const preferred = preferredVersions(reports);
  for (const group of peerGroups.values()) {
    const sorted = [...group].sort(byId);
    const representatives = sorted.filter((r) => preferred.has(r));
    for (const name of settings.outlierFigures) {
      const values = representatives.map((r) => r.figures[name]).filter((v): v is number => v !== null);
      if (values.length - 1 < settings.outlierMinPeers) continue;
      const { median: m, mad } = medianAndMad(values);
      const spread = Math.max(mad, settings.outlierMadFloor);
      const limit = m + settings.outlierMadFactor * spread;
      for (const r of sorted) {
        const value = r.figures[name];
        if (value === null || value <= limit) continue;
        const message =
          `${named(r)} prints ${figureLabel(name)} ${value}, far above its ${values.length - 1} peers (${r.level}, ${r.year}): ` +
          `median ${round(m)}, MAD ${round(mad)}; rule: value > median + ${settings.outlierMadFactor} × max(MAD, ${settings.outlierMadFloor}) = ${round(limit)}`;
        out.push(problem('OUTLIER', message, [r], [{ report: r.id, key: figureKeys[name] }]));
      }
    }
  }
  return out;
}
