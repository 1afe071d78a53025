'use strict';
/* Cross-report problems (CompareData.problems): each names its reports and cells, each a link to the viewer. */

/** Problems listed at once; the rest on demand (thousands of outliers would make a page nobody scrolls). */
const PROBLEMS_PER_STEP = 500;

/** DATA.severities: most severe first. */
const severityRank = (severity) => DATA.severities.indexOf(severity);

function crossProblemRow(p, n) {
  const cells = p.cells.map((c) => {
    const i = reportIndexById.get(c.report);
    return i === undefined ? el('span', {}, `${c.report}: ${c.key}`)
      : el('a', { href: viewHref(i, 'cross', `${n}:${c.key}`), class: 'cell-link' }, `${reportLabel(DATA.reports[i])} · ${c.key}`);
  });
  const reports = p.reports.map((id) => {
    const i = reportIndexById.get(id);
    return i === undefined ? el('span', {}, id) : el('a', { href: viewHref(i, 'cross', String(n)) }, reportLabel(DATA.reports[i]));
  });
  return el('tr', { 'data-problem': n },
    el('td', {}, severityBadge(p.severity)), el('td', {}, el('code', {}, p.code)), el('td', { class: 'message' }, p.message),
    el('td', { class: 'links' }, reports), el('td', { class: 'links' }, cells));
}

function showProblems(main) {
  const state = { code: '', shown: PROBLEMS_PER_STEP };
  const body = el('tbody');
  const more = el('button', { type: 'button', onclick: () => { state.shown += PROBLEMS_PER_STEP; draw(); } }, 'Show more');
  const status = el('span', { class: 'status' });
  const draw = () => {
    // Most severe first, then in the order found (sort is stable).
    const list = DATA.problems.map((p, n) => [p, n]).filter(([p]) => !state.code || p.code === state.code)
      .sort(([a], [b]) => severityRank(a.severity) - severityRank(b.severity));
    body.replaceChildren(...list.slice(0, state.shown).map(([p, n]) => crossProblemRow(p, n)));
    more.hidden = list.length <= state.shown;
    status.textContent = `${Math.min(list.length, state.shown)} of ${list.length} cross-report problems`;
  };
  const codes = Object.keys(DATA.crossProblemCodes);
  const counts = new Map(codes.map((c) => [c, DATA.problems.filter((p) => p.code === c).length]));
  main.replaceChildren(el('section', { id: 'problems-view' },
    el('div', { class: 'toolbar' },
      el('select', { 'aria-label': 'code', onchange: (e) => { state.code = e.target.value; state.shown = PROBLEMS_PER_STEP; draw(); } },
        el('option', { value: '' }, 'Code: all'), codes.map((c) => el('option', { value: c }, `${c} (${counts.get(c)})`))),
      status),
    el('dl', { class: 'codes' }, codes.flatMap((c) => [el('dt', {}, el('code', {}, c), ' ', severityBadge(DATA.crossProblemCodes[c].severity)), el('dd', {}, DATA.crossProblemCodes[c].when)])),
    el('table', { class: 'plain problems' },
      el('thead', {}, el('tr', {}, ['Severity', 'Code', 'Message', 'Reports', 'Cells'].map((h) => el('th', {}, h)))), body),
    more));
  draw();
}
