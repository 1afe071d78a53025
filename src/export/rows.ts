/**
 * One report JSON → its rows in the three tables. Every value is copied from
 * the JSON as it stands; only the counts (copies, versions, problems by
 * severity) and the plan's agency identity and preferred version are the export's own.
 */
import { tableOfKey } from './cell-keys.js';
import type { PlannedReport } from './plan.js';
import type { ExportedReport, Provenance } from './read-report.js';
import type { CellRow, ProblemRow, ReportRow, ReportRows } from './tables.js';
import { cellColumns, problemColumns, reportColumns, rowValues } from './tables.js';

export function reportRows(report: ExportedReport, plan: PlannedReport): ReportRows {
  const reportId = plan.reportId;
  const severities = { error: 0, warning: 0, info: 0 };
  for (const p of report.problems) severities[p.severity]++;

  // A pre-2019 report's statistics are cells too, under their own keys (pre2019.*).
  const cells = [...Object.entries(report.cells), ...Object.entries(report.pre2019 ?? {})].map(
    ([key, cell]): CellRow => ({
      report_id: reportId,
      key,
      table_name: tableOfKey(key),
      value: cell.value,
      raw: cell.raw,
      state: cell.state,
      confidence: cell.confidence,
      ...provenanceColumns(cell.source ?? undefined),
    }),
  );
  const problems = report.problems.map(
    (p): ProblemRow => ({
      report_id: reportId,
      code: p.code,
      severity: p.severity,
      message: p.message,
      cells: p.cells ?? null,
      ...provenanceColumns(p.source),
    }),
  );
  const row: ReportRow = {
      report_id: reportId,
      source_file: report.source.file,
      sha256: report.source.sha256,
      format: report.source.format,
      reader: report.source.reader,
      pages: report.source.pages ?? null,
      title: report.report.title,
      agency: report.report.agency,
      agency_key: plan.agencyKey,
      agency_level: plan.agencyLevel,
      agency_region: plan.agencyRegion,
      year: report.report.year,
      metadata_in_doubt: plan.metadataInDoubt ? 1 : 0,
      format_version: report.report.formatVersion,
      copies: plan.copies,
      versions: plan.versions,
      preferred: plan.preferredId === null ? null : plan.preferredId === reportId ? 1 : 0,
      preferred_id: plan.preferredId,
      errors: severities.error,
      warnings: severities.warning,
      infos: severities.info,
      unreadable: report.problems.some((p) => p.code === 'FILE_UNREADABLE') ? 1 : 0,
  };
  return {
    report: rowValues(row, reportColumns),
    cells: cells.map((c) => rowValues(c, cellColumns)),
    problems: problems.map((p) => rowValues(p, problemColumns)),
  };
}

function provenanceColumns(source: Provenance | undefined) {
  return {
    page: source?.page ?? null,
    bbox_x0: source?.bbox?.[0] ?? null,
    bbox_y0: source?.bbox?.[1] ?? null,
    bbox_x1: source?.bbox?.[2] ?? null,
    bbox_y1: source?.bbox?.[3] ?? null,
    src_table: source?.table ?? null,
    src_row: source?.row ?? null,
    src_col: source?.col ?? null,
    src_path: source?.path ?? null,
    src_line: source?.line ?? null,
    src_char: source?.char ?? null,
  };
}
