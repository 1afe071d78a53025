/**
 * One report JSON → its rows in the three tables. Every value is copied from
 * the JSON as it stands; only the counts (copies, versions, problems by
 * severity) and the plan's agency identity and preferred version are the export's own.
 */
import { tableOfKey } from './cell-keys.js';
import type { PlannedReport } from './plan.js';
import type { ExportedCell, ExportedReport, Provenance } from './read-report.js';
import { statisticsOf } from './read-report.js';
import type { CellRow, Pre2019FigureRow, Pre2019StatisticsRow, ProblemRow, ReportRow, ReportRows } from './tables.js';
import { cellColumns, pre2019FigureColumns, pre2019RowColumns, problemColumns, reportColumns, rowValues } from './tables.js';

export function reportRows(report: ExportedReport, plan: PlannedReport): ReportRows {
  const reportId = plan.reportId;
  const severities = { error: 0, warning: 0, info: 0 };
  for (const p of report.problems) severities[p.severity]++;

  const cells = Object.entries(report.cells).map(
    ([key, cell]): CellRow => ({ report_id: reportId, key, table_name: tableOfKey(key), ...cellColumnsOf(cell) }),
  );
  // A pre-2019 report's figures (pre2019.*) and statistics tables are tables of their own.
  const figures = Object.entries(report.pre2019 ?? {}).map(([key, cell]): Pre2019FigureRow => ({ report_id: reportId, key, ...cellColumnsOf(cell) }));
  const statisticsRows = statisticsOf(report).flatMap((table, tableIndex) =>
    table.rows.flatMap((row, rowIndex) =>
      row.values.map((cell, columnIndex): Pre2019StatisticsRow => {
        const column = table.columns[columnIndex];
        return {
          report_id: reportId,
          table_index: tableIndex,
          table_title: table.title,
          row_index: rowIndex,
          label: row.label,
          level: row.level,
          parent: row.parent,
          unit: row.unit,
          key: row.key,
          column_index: columnIndex,
          // A row with more values than the table has columns keeps them, its header unknown.
          column_header: column?.header ?? null,
          period: column?.period ?? 'unknown',
          column_year: column?.year ?? null,
          ...cellColumnsOf(cell),
        };
      }),
    ),
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
    pre2019_figures: figures.map((f) => rowValues(f, pre2019FigureColumns)),
    pre2019_rows: statisticsRows.map((r) => rowValues(r, pre2019RowColumns)),
  };
}

/** What every cell-like row copies from its cell: value, raw text, state, confidence and place. */
function cellColumnsOf(cell: ExportedCell) {
  return { value: cell.value, raw: cell.raw, state: cell.state, confidence: cell.confidence, ...provenanceColumns(cell.source ?? undefined) };
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
