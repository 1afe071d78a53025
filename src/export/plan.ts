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
 * - versions: the reports with the same agency and year, when both are known
 *   (the same agency and year with different content is two versions of one report).
 */
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
}

export interface PlannedReport {
  reportId: number;
  /** The JSON whose content is the report's. */
  json: string;
  copies: number;
  versions: number;
}

const byPath = (a: ReportFacts, b: ReportFacts) => byCodeUnits(a.file, b.file) || byCodeUnits(a.json, b.json);

/** The file that stands for its group: the original before its duplicates, then by path. */
const bySourceFirst = (a: ReportFacts, b: ReportFacts) => Number(a.duplicate) - Number(b.duplicate) || byPath(a, b);

export function planReports(files: readonly ReportFacts[]): PlannedReport[] {
  const groups = new Map<string, ReportFacts[]>();
  for (const facts of files) {
    const content = facts.sha256 === null ? `unread:${facts.json}` : `sha256:${facts.sha256}`;
    const group = groups.get(content);
    if (group) group.push(facts);
    else groups.set(content, [facts]);
  }
  const reports = [...groups.values()].map((group) => ({ chosen: group.sort(bySourceFirst)[0]!, copies: group.length }));

  const versionKey = (f: ReportFacts) => (f.agency !== null && f.year !== null ? JSON.stringify([f.agency, f.year]) : undefined);
  const versions = new Map<string, number>();
  for (const { chosen } of reports) {
    const key = versionKey(chosen);
    if (key !== undefined) versions.set(key, (versions.get(key) ?? 0) + 1);
  }

  return reports
    .sort((a, b) => byPath(a.chosen, b.chosen))
    .map(({ chosen, copies }, i) => {
      const key = versionKey(chosen);
      return { reportId: i + 1, json: chosen.json, copies, versions: key === undefined ? 1 : versions.get(key)! };
    });
}
