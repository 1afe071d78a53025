/**
 * Which report JSON files become which rows of the `reports` table, decided
 * from a few facts per file (the first pass) so that the second pass can
 * write each report once, in order, without holding the reports in memory.
 *
 * - Files with the same sha256 are one report (the same bytes were given more
 *   than once); its row is the file without source.duplicateOf, else the
 *   first by path. A file whose sha256 is null could not be read at all and
 *   is a report of its own.
 * - report_id numbers the reports 1..n in the order of their source file path.
 * - agency identity (key, level, region): the rule of `govreport compare`
 *   (src/agency/identity.ts) over every agency name of the export, with the
 *   same `--agencies` overrides.
 * - versions: the reports with the same agency key and year, when both are known
 *   (the same agency and year with different content is two versions of one
 *   report); the preferred one is chosen by src/agency/versions.ts, the
 *   report_id order breaking ties.
 */
import { type AgencyLevel, type AgencyOverrides, agencyIdentities } from '../agency/identity.js';
import { groupVersions, preferredVersion } from '../agency/versions.js';
import { byCodeUnits } from './report-files.js';

/** What the plan needs to know of one report JSON. */
export interface ReportFacts {
  /** The JSON's path (relative to the output folder). */
  json: string;
  /** source.file */
  file: string;
  sha256: string | null;
  /** source.duplicateOf is set. */
  duplicate: boolean;
  agency: string | null;
  year: number | null;
  /** metadataInDoubt (model/problems.ts) of the report's problems. */
  metadataInDoubt: boolean;
  errors: number;
  warnings: number;
}

export interface PlannedReport {
  reportId: number;
  /** The JSON whose content is the report's. */
  json: string;
  copies: number;
  agencyKey: string | null;
  agencyLevel: AgencyLevel | null;
  agencyRegion: string | null;
  /** Reports with the same agency key and year (1 when either is unknown). */
  versions: number;
  /** The report_id of the preferred version of its agency and year (its own when it is that one); null when either is unknown. */
  preferredId: number | null;
  /** The agency or the year is missing, or the report says they may be misread. */
  metadataInDoubt: boolean;
}

const byPath = (a: ReportFacts, b: ReportFacts) => byCodeUnits(a.file, b.file) || byCodeUnits(a.json, b.json);

/** The file that stands for its group: the original before its duplicates, then by path. */
const bySourceFirst = (a: ReportFacts, b: ReportFacts) => Number(a.duplicate) - Number(b.duplicate) || byPath(a, b);

export function planReports(files: readonly ReportFacts[], overrides: AgencyOverrides = new Map()): PlannedReport[] {
  const groups = new Map<string, ReportFacts[]>();
  for (const facts of files) {
    const content = facts.sha256 === null ? `unread:${facts.json}` : `sha256:${facts.sha256}`;
    const group = groups.get(content);
    if (group) group.push(facts);
    else groups.set(content, [facts]);
  }
  const chosen = [...groups.values()]
    .map((group) => ({ facts: group.sort(bySourceFirst)[0]!, copies: group.length }))
    .sort((a, b) => byPath(a.facts, b.facts));

  const identities = agencyIdentities(
    chosen.map((c) => c.facts.agency).filter((a): a is string => a !== null),
    overrides,
  );
  const planned = chosen.map(({ facts, copies }, i): PlannedReport & Pick<ReportFacts, 'year' | 'errors' | 'warnings'> => {
    const identity = facts.agency !== null ? identities.get(facts.agency) : undefined;
    return {
      reportId: i + 1,
      json: facts.json,
      copies,
      agencyKey: identity?.key ?? null,
      agencyLevel: identity?.level ?? null,
      agencyRegion: identity?.region ?? null,
      versions: 1,
      preferredId: null,
      metadataInDoubt: facts.agency === null || facts.year === null || facts.metadataInDoubt,
      year: facts.year,
      errors: facts.errors,
      warnings: facts.warnings,
    };
  });
  for (const group of groupVersions(planned)) {
    const preferred = preferredVersion(group, (a, b) => a.reportId - b.reportId).reportId;
    for (const r of group) Object.assign(r, { versions: group.length, preferredId: preferred });
  }
  return planned.map(({ year: _year, errors: _errors, warnings: _warnings, ...plan }) => plan);
}
