'use strict';
/* Agency view: its figures year over year, its peers (same level) in one year, and the problems of its reports. */

/** Peers drawn in the side-by-side chart: the largest ones and the agency itself; more bars are unreadable. */
const PEERS_SHOWN = 30;

const YEAR_FIGURES = ['received', 'carriedOver', 'granted', 'partiallyGranted', 'denied', 'resultTotal', 'carriedForward', 'reviewTotal', 'suitTotal'];
/** What the break line and the break row say. */
const BREAK_LABEL = '2019 format break';
const BREAK_NOTE = 'Figures before the break are the pre-2019 figures taken through the crosswalk (▲): the same measure counted otherwise, see the crosswalk below.';

const figureLabel = (id) => (COLUMNS.find((c) => c.id === id) || { label: id }).label;

/*
 * ECharts lays out legends and labels by text widths it measures on a canvas of its own that is not in the page,
 * and draws on canvases inside the page. A generic family ("sans-serif") is chosen by language: inside the page
 * (lang zh-CN) it can be a CJK font whose Latin letters are wider than those of the font the detached canvas gets,
 * and legend labels laid out by one width and drawn with another overlap. Text is measured on a canvas in the page.
 */
const measuringContext = (() => {
  const canvas = el('canvas', { 'aria-hidden': 'true', width: 1, height: 1, style: { position: 'absolute', left: '0', top: '0', visibility: 'hidden' } });
  document.body.append(canvas);
  return canvas.getContext('2d');
})();
echarts.setPlatformAPI({
  measureText(text, font) {
    // ECharts always names the font; its own default is '12px sans-serif'.
    measuringContext.font = font || '12px sans-serif';
    return measuringContext.measureText(text);
  },
});

/** Live ECharts instances by chart name, disposed when the view changes (and read by the browser tests). */
window.govreportCharts = {};
function chart(name, node, option, onClick) {
  const old = window.govreportCharts[name];
  if (old) old.dispose();
  const instance = echarts.init(node, null, { renderer: 'canvas' });
  // No animation: a chart is drawn in its final state at once (screenshots, tests, slow machines).
  instance.setOption({ animation: false, ...option });
  if (onClick) instance.on('click', onClick);
  window.govreportCharts[name] = instance;
  return instance;
}

/** The agency's reports in year order; several reports of one year (versions) all kept, the preferred one drawn. */
function agencyReports(agency) {
  return agency.reports.map((id) => reportIndexById.get(id)).filter((i) => i !== undefined)
    .sort((a, b) => (DATA.reports[a].year ?? 0) - (DATA.reports[b].year ?? 0));
}

function yearsChart(node, agency) {
  const reports = agencyReports(agency).filter((i) => DATA.reports[i].year !== null);
  // One point per year: the version that stands for the agency that year (DATA.preferredVersion).
  const byYear = new Map();
  for (const i of reports) if (DATA.preferredVersion[i] || !byYear.has(DATA.reports[i].year)) byYear.set(DATA.reports[i].year, i);
  const years = [...byYear.keys()];
  chart('years', node, {
    title: { text: 'Year over year', left: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { top: 40, left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value' },
    series: YEAR_FIGURES.map((id, n) => ({
      name: figureLabel(id), type: 'line', connectNulls: false, symbolSize: 8,
      // A pre-2019 figure is drawn as a triangle: read through the crosswalk, perhaps defined otherwise.
      data: years.map((y) => {
        const r = DATA.reports[byYear.get(y)];
        return r.figuresVia === 'crosswalk' ? { value: r.figures[id], symbol: 'triangle', symbolSize: 10 } : r.figures[id];
      }),
      ...(n === 0 && agency.formatBreak ? { markLine: breakLine(agency.formatBreak) } : {}),
    })),
  }, (e) => {
    if (e.componentType === 'markLine') return;
    const i = byYear.get(years[e.dataIndex]);
    const id = YEAR_FIGURES[e.seriesIndex];
    go(viewHref(i, 'figure', id));
  });
}

/** The 2019 format break on the year axis: a dashed line at the first year of the 2019/2021 tables. */
function breakLine(formatBreak) {
  return {
    symbol: 'none', silent: true, animation: false,
    lineStyle: { type: 'dashed', color: '#868e96' },
    label: { formatter: `${BREAK_LABEL} (${formatBreak.lastPre2019} → ${formatBreak.first2019})`, position: 'insideEndTop', color: '#495057' },
    data: [{ xAxis: String(formatBreak.first2019) }],
  };
}

function peersChart(node, agency, year, figure) {
  // One bar per agency: the version that stands for it that year (DATA.preferredVersion, as the outlier check counts peers).
  const peers = DATA.reports.map((r, i) => i).filter((i) => DATA.preferredVersion[i] && DATA.reports[i].level === agency.level && DATA.reports[i].year === year && DATA.reports[i].figures[figure] !== null);
  const own = new Set(agencyReports(agency));
  peers.sort((a, b) => DATA.reports[b].figures[figure] - DATA.reports[a].figures[figure]);
  const shown = peers.slice(0, PEERS_SHOWN);
  for (const i of peers) if (own.has(i) && !shown.includes(i)) shown.push(i);
  chart('peers', node, {
    title: { text: `${levelNames[agency.level] || agency.level} peers in ${year}: ${figureLabel(figure)}${peers.length > shown.length ? ` (${shown.length} of ${peers.length})` : ''}`, left: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { top: 40, left: 50, right: 20, bottom: 110 },
    xAxis: { type: 'category', data: shown.map((i) => DATA.reports[i].agency || DATA.reports[i].id), axisLabel: { rotate: 40, interval: 0, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [{
      type: 'bar', name: figureLabel(figure),
      data: shown.map((i) => ({ value: DATA.reports[i].figures[figure], itemStyle: own.has(i) ? { color: '#d9480f' } : undefined })),
    }],
  }, (e) => go(viewHref(shown[e.dataIndex], 'figure', figure)));
}

function problemsChart(node, agency) {
  const reports = agencyReports(agency);
  const own = new Map();
  for (const i of reports) for (const code of DATA.reports[i].problemCodes) own.set(code, (own.get(code) || 0) + 1);
  const cross = new Map();
  const seen = new Set();
  for (const i of reports) for (const n of crossByReport.get(i) || []) {
    if (seen.has(n)) continue;
    seen.add(n);
    cross.set(DATA.problems[n].code, (cross.get(DATA.problems[n].code) || 0) + 1);
  }
  const codes = [...new Set([...own.keys(), ...cross.keys()])].sort();
  chart('problems', node, {
    title: { text: 'Problems by code', left: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { top: 40, left: 150, right: 20, bottom: 50 },
    yAxis: { type: 'category', data: codes, axisLabel: { fontSize: 10 } },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: 'reports with the problem', stack: 'all', data: codes.map((c) => own.get(c) || 0) },
      { type: 'bar', name: 'cross-report problems', stack: 'all', data: codes.map((c) => cross.get(c) || 0) },
    ],
  }, (e) => { overview.filters = { agency: agency.name, year: '', level: '', code: codes[e.dataIndex] }; overview.node = null; go('#overview'); });
  return codes.length;
}

/** The crosswalk (DATA.crosswalk): which figure each pre-2019 figure continues into, and how its definition differs. */
function crosswalkTable() {
  return el('details', { id: 'crosswalk', open: true },
    el('summary', {}, 'Crosswalk across the 2019 break'),
    el('table', { class: 'plain' },
      el('thead', {}, el('tr', {}, ['Pre-2019 figure', 'Continues as', '2019/2021 cells', 'Match', 'Where definitions differ'].map((h) => el('th', {}, h)))),
      el('tbody', {}, DATA.crosswalk.map((c) => el('tr', {},
        el('td', {}, c.pre2019), el('td', {}, c.figure ? figureLabel(c.figure) : '—'),
        el('td', {}, c.cells2021.length ? c.cells2021.join(' + ') : '(none)'), el('td', {}, c.match), el('td', {}, c.differs))))));
}

function showAgency(main, key) {
  const agencies = [...DATA.agencies].sort((a, b) => b.reports.length - a.reports.length || a.name.localeCompare(b.name, 'zh-CN'));
  const agency = agencyByKey.get(key) || agencies[0];
  if (!agency) {
    main.replaceChildren(el('p', {}, 'No agency in this comparison.'));
    return;
  }
  const picker = el('select', { 'aria-label': 'agency', id: 'agency-picker', onchange: (e) => go(`#agency/${encodeURIComponent(e.target.value)}`) },
    agencies.map((a) => el('option', { value: a.key, selected: a.key === agency.key }, `${a.name} (${a.reports.length})`)));
  const reports = agencyReports(agency);
  const years = [...new Set(reports.map((i) => DATA.reports[i].year).filter((y) => y !== null))].sort((a, b) => b - a);
  const state = { year: years[0], figure: 'received' };
  const yearsNode = el('div', { class: 'chart', id: 'chart-years' });
  const peersNode = el('div', { class: 'chart', id: 'chart-peers' });
  const problemsNode = el('div', { class: 'chart', id: 'chart-problems' });
  const redrawPeers = () => state.year !== undefined && peersChart(peersNode, agency, state.year, state.figure);
  const peerControls = el('div', { class: 'toolbar' },
    el('select', { 'aria-label': 'peer year', onchange: (e) => { state.year = Number(e.target.value); redrawPeers(); } }, years.map((y) => el('option', { value: y }, String(y)))),
    el('select', { 'aria-label': 'peer figure', onchange: (e) => { state.figure = e.target.value; redrawPeers(); } },
      COLUMNS.filter((c) => c.figure).map((c) => el('option', { value: c.id, selected: c.id === state.figure }, c.label))));
  const headers = ['Year', 'Agency as printed', 'File', 'Format', 'Figures from', figureLabel('received'), 'Problems', 'Cross'];
  const rows = [];
  for (const i of reports) {
    const r = DATA.reports[i];
    // The break row stands before the first report of the 2019/2021 tables.
    if (agency.formatBreak && r.year === agency.formatBreak.first2019 && r.figuresVia !== 'crosswalk' && !rows.some((row) => row.classList.contains('series-break'))) {
      rows.push(el('tr', { class: 'series-break' }, el('td', { colspan: headers.length }, `${BREAK_LABEL}: ${agency.formatBreak.lastPre2019} → ${agency.formatBreak.first2019}. ${BREAK_NOTE}`)));
    }
    rows.push(el('tr', { 'data-report': i, 'data-year': r.year ?? '' },
      el('td', {}, r.year ?? '—'), el('td', {}, r.agency || '—'),
      el('td', {}, el('a', { href: `#view/${i}` }, r.file)), el('td', {}, r.format),
      el('td', {}, r.figuresVia === 'crosswalk' ? '▲ pre-2019, via crosswalk' : `${r.formatVersion} tables`),
      el('td', { class: 'num received' }, r.figures.received ?? '—'),
      el('td', {}, `${r.problemCounts.error} E · ${r.problemCounts.warning} W · ${r.problemCounts.info} I`),
      el('td', {}, (crossByReport.get(i) || []).length)));
  }
  const list = el('table', { class: 'plain', id: 'agency-reports' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
  const crosswalkNote = agency.formatBreak || reports.some((i) => DATA.reports[i].figuresVia === 'crosswalk') ? crosswalkTable() : null;
  main.replaceChildren(el('section', { id: 'agency-view' },
    el('div', { class: 'toolbar' }, picker),
    el('h2', {}, agency.name, el('small', {}, ` ${levelNames[agency.level] || agency.level}${agency.region ? ` · ${agency.region}` : ''} · ${reports.length} report(s)`)),
    el('div', { class: 'charts' },
      el('div', { class: 'panel' }, yearsNode),
      el('div', { class: 'panel' }, peerControls, peersNode),
      el('div', { class: 'panel' }, problemsNode)),
    list, crosswalkNote || ''));
  yearsChart(yearsNode, agency);
  redrawPeers();
  if (problemsChart(problemsNode, agency) === 0) problemsNode.after(el('p', { class: 'note' }, 'No problems in the reports of this agency.'));
}
