'use strict';
/* Overview: one row per report, sortable by every column, filterable, virtualised (only the rows in view are in the DOM), CSV of the rows shown. */

/** Row height in px: fixed, so the rows in view follow from the scroll position alone. */
const ROW_HEIGHT = 28;
/** Rows drawn above and below the visible ones, so a fast scroll does not show blank rows. */
const OVERSCAN = 20;

const F = (id) => (r) => r.figures[id];
const figureColumn = (id, label) => ({ id, label, type: 'num', get: F(id), figure: id });
const shareColumn = (id, label, num, den) => ({ id, label, type: 'share', get: (r) => ratio(r.figures[num], r.figures[den]), title: `${num} / ${den}, as printed` });

/** Why a report's agency or year is marked: the report itself says they may be misread. */
const DOUBT_NOTE = 'the report says its agency, year or title may be misread (METADATA_MISSING, or LOW_CONFIDENCE on the title): its place among agencies and years is in doubt';

const COLUMNS = [
  { id: 'agency', label: 'Agency 机关', type: 'text', get: (r) => r.agency || '' },
  // Versions of one report (an HTML page and a PDF of one agency and year) look alike but for their file.
  { id: 'file', label: 'File', type: 'text', get: (r) => fileName(r.file), title: 'the source file (sort)' },
  { id: 'level', label: 'Level', type: 'text', get: (r) => r.level },
  { id: 'region', label: 'Region', type: 'text', get: (r) => r.region || '' },
  { id: 'year', label: 'Year', type: 'num', get: (r) => r.year },
  { id: 'format', label: 'Format', type: 'text', get: (r) => r.format },
  // The problem counts before the figures: at a common screen width they are in view without scrolling sideways.
  { id: 'errors', label: 'Errors', type: 'num', get: (r) => r.problemCounts.error },
  { id: 'warnings', label: 'Warnings', type: 'num', get: (r) => r.problemCounts.warning },
  { id: 'infos', label: 'Infos', type: 'num', get: (r) => r.problemCounts.info },
  { id: 'cross', label: 'Cross', type: 'num', get: (r, i) => (crossByReport.get(i) || []).length, title: 'cross-report problems this report takes part in' },
  figureColumn('received', '新收申请'),
  figureColumn('carriedOver', '上年结转'),
  figureColumn('granted', '予以公开'),
  figureColumn('partiallyGranted', '部分公开'),
  figureColumn('denied', '不予公开'),
  figureColumn('unable', '无法提供'),
  figureColumn('notProcessed', '不予处理'),
  figureColumn('resultTotal', '办理总计'),
  shareColumn('grantedShare', '公开率', 'granted', 'resultTotal'),
  figureColumn('carriedForward', '结转下年'),
  figureColumn('reviewTotal', '行政复议'),
  shareColumn('reviewCorrectedShare', '复议纠错率', 'reviewCorrected', 'reviewTotal'),
  figureColumn('suitTotal', '行政诉讼'),
  shareColumn('suitCorrectedShare', '诉讼纠错率', 'suitCorrected', 'suitTotal'),
  figureColumn('suitAfterReviewTotal', '复议后诉讼'),
  shareColumn('suitAfterReviewCorrectedShare', '复议后纠错率', 'suitAfterReviewCorrected', 'suitAfterReviewTotal'),
  figureColumn('fees', '收费'),
  { id: 'doubt', label: 'Agency/year in doubt', type: 'text', get: (r) => (r.metadataInDoubt ? 'yes' : ''), title: DOUBT_NOTE },
];

const overview = {
  filters: { agency: '', year: '', level: '', code: '' },
  sort: { column: null, descending: false },
  /** Report indexes after filtering and sorting: the rows shown. */
  rows: DATA.reports.map((_, i) => i),
  /** Problem codes per report (its own and the cross problems it is in), for the code filter. */
  codes: DATA.reports.map((r, i) => new Set([...r.problemCodes, ...(crossByReport.get(i) || []).map((n) => DATA.problems[n].code)])),
  node: null,
};

function applyOverview() {
  const { agency, year, level, code } = overview.filters;
  const needle = agency.trim().toLowerCase();
  let rows = [];
  DATA.reports.forEach((r, i) => {
    if (needle && !`${r.agency || ''} ${r.agencyKey || ''} ${r.region || ''}`.toLowerCase().includes(needle)) return;
    if (year && String(r.year) !== year) return;
    if (level && r.level !== level) return;
    if (code && !overview.codes[i].has(code)) return;
    rows.push(i);
  });
  const column = COLUMNS.find((c) => c.id === overview.sort.column);
  if (column) {
    // Keys computed once per row, not once per comparison: 10,000 rows sort in a few milliseconds.
    const keys = new Map(rows.map((i) => [i, column.get(DATA.reports[i], i)]));
    const sign = overview.sort.descending ? -1 : 1;
    const collator = new Intl.Collator('zh-CN');
    rows.sort((a, b) => {
      const x = keys.get(a);
      const y = keys.get(b);
      // Empty values last, whatever the direction.
      const xEmpty = x === null || x === undefined || x === '';
      const yEmpty = y === null || y === undefined || y === '';
      if (xEmpty || yEmpty) return xEmpty === yEmpty ? a - b : xEmpty ? 1 : -1;
      const order = column.type === 'text' ? collator.compare(x, y) : x - y;
      return order !== 0 ? sign * order : a - b;
    });
  }
  overview.rows = rows;
}

function cellText(column, r, i) {
  const v = column.get(r, i);
  if (column.type === 'share') return fmtShare(v);
  if (column.type === 'num') return column.id === 'year' ? (v ?? '—') : fmtNumber(v);
  if (column.id === 'level') return v;
  return v || '—';
}

function overviewCell(column, r, i) {
  const text = cellText(column, r, i);
  if (column.id === 'agency') {
    const name = r.agencyKey ? el('a', { href: `#agency/${encodeURIComponent(r.agencyKey)}` }, text)
      : r.agency ? text : el('a', { href: `#view/${i}`, class: 'no-agency' }, `(no agency) ${fileName(r.file)}`);
    const doubt = r.metadataInDoubt ? el('span', { class: 'doubt', title: DOUBT_NOTE }, ' ?') : null;
    return el('td', { class: 'text', title: `${r.agency || ''}\n${r.file}` }, name, doubt);
  }
  if (column.id === 'file') return el('td', { class: 'text file', title: r.file }, text);
  if (column.figure) {
    const keys = figureCellKeys(r, column.figure).join(' + ');
    const via = r.figuresVia === 'crosswalk' ? ' (pre-2019, through the crosswalk: docs/crosswalk.md)' : '';
    return el('td', { class: `num${via ? ' via-crosswalk' : ''}` }, el('a', { href: viewHref(i, 'figure', column.figure), title: `${keys}${via}: open the source` }, via && text !== '—' ? `▲ ${text}` : text));
  }
  if (['errors', 'warnings', 'infos', 'cross'].includes(column.id)) {
    const v = column.get(r, i);
    return el('td', { class: `num${v > 0 ? ` has-${column.id}` : ''}` }, v > 0 ? el('a', { href: `#view/${i}` }, text) : text);
  }
  return el('td', { class: column.type === 'text' ? 'text' : 'num' }, text);
}

function renderOverviewRows() {
  const { scroller, body, status } = overview.node;
  const total = overview.rows.length;
  const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const visible = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
  const last = Math.min(total, first + visible);
  const trs = [el('tr', { class: 'spacer', style: { height: `${first * ROW_HEIGHT}px` } })];
  for (let k = first; k < last; k++) {
    const i = overview.rows[k];
    const r = DATA.reports[i];
    trs.push(el('tr', { 'data-report': i }, COLUMNS.map((c) => overviewCell(c, r, i))));
  }
  trs.push(el('tr', { class: 'spacer', style: { height: `${(total - last) * ROW_HEIGHT}px` } }));
  body.replaceChildren(...trs);
  status.textContent = `${total} of ${DATA.reports.length} reports`;
}

function refreshOverview() {
  applyOverview();
  overview.node.scroller.scrollTop = 0;
  for (const th of overview.node.head.querySelectorAll('th')) {
    const id = th.dataset.column;
    th.setAttribute('aria-sort', id === overview.sort.column ? (overview.sort.descending ? 'descending' : 'ascending') : 'none');
  }
  renderOverviewRows();
}

/** The rows shown as CSV; every field goes through csvField, the export's own rule (formula guard included: agency names and titles come from the documents). */
function overviewCsv() {
  const raw = (column, r, i) => {
    const v = column.get(r, i);
    // Shares rounded to four places, still numbers: a number is never taken for a formula.
    return column.type === 'share' && v !== null && v !== undefined ? Math.round(v * 10_000) / 10_000 : v;
  };
  const lines = [['id', ...COLUMNS.map((c) => c.label)].map(csvField).join(',')];
  for (const i of overview.rows) lines.push([DATA.reports[i].id, ...COLUMNS.map((c) => raw(c, DATA.reports[i], i))].map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function downloadCsv() {
  const blob = new Blob([overviewCsv()], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: 'govreport-compare.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the blob after click() returns; a minute is ample before it is let go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function selectOf(name, label, options) {
  const select = el('select', { name, 'aria-label': label, onchange: (e) => { overview.filters[name] = e.target.value; refreshOverview(); } },
    el('option', { value: '' }, `${label}: all`),
    options.map(([value, text]) => el('option', { value, selected: overview.filters[name] === value }, text)));
  return select;
}

function buildOverview() {
  const years = [...new Set(DATA.reports.map((r) => r.year).filter((y) => y !== null))].sort((a, b) => b - a);
  const levels = [...new Set(DATA.reports.map((r) => r.level))].sort();
  const codes = [...new Set(overview.codes.flatMap((s) => [...s]))].sort();
  const agencyInput = el('input', { type: 'search', name: 'agency', placeholder: 'Agency or region contains…', 'aria-label': 'agency', value: overview.filters.agency,
    oninput: (e) => { overview.filters.agency = e.target.value; refreshOverview(); } });
  const head = el('tr', {}, COLUMNS.map((c) => el('th', { 'data-column': c.id, class: c.type === 'text' ? 'text' : 'num', title: c.title || 'sort', 'aria-sort': 'none',
    onclick: () => {
      overview.sort = overview.sort.column === c.id ? { column: c.id, descending: !overview.sort.descending } : { column: c.id, descending: c.type !== 'text' };
      refreshOverview();
    } }, c.label)));
  const body = el('tbody');
  const scroller = el('div', { class: 'table-scroll', onscroll: () => requestAnimationFrame(renderOverviewRows) },
    el('table', { class: 'overview' }, el('thead', {}, head), body));
  const status = el('span', { class: 'status', id: 'overview-status' });
  const node = el('section', { id: 'overview-view' },
    el('div', { class: 'toolbar' }, agencyInput,
      selectOf('year', 'Year', years.map((y) => [String(y), String(y)])),
      selectOf('level', 'Level', levels.map((l) => [l, levelNames[l] || l])),
      selectOf('code', 'Problem', codes.map((c) => [c, c])),
      el('button', { type: 'button', id: 'csv-download', onclick: downloadCsv, title: 'the rows shown (all of them, not only those scrolled into view), in this order' }, 'Download CSV'),
      status),
    scroller);
  overview.node = { node, scroller, body, status, head };
  return node;
}

function showOverview(main) {
  if (!overview.node) buildOverview();
  main.replaceChildren(overview.node.node);
  if (overview.rows.length === DATA.reports.length && !overview.sort.column) applyOverview();
  renderOverviewRows();
}
