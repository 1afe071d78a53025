'use strict';
/* Viewer: where a figure or a problem came from — the page image with the cell's box, the table grid with the cell, or the text line — with the cell's raw text, value, confidence and problems. */

const PAGED_FORMATS = new Set(['pdf', 'image']);

/** What a link points at in a report: the cells to highlight, the place to show, and the problem it is about. */
function selectionOf(detail, report, what, id) {
  const cells = detail.cells;
  const withSource = (keys) => keys.filter((k) => cells[k]);
  if (what === 'cell') return { keys: withSource([id]), title: id };
  if (what === 'figure') {
    // A group figure (denied, unable, not processed) is the sum of its rows' totals: all of them are shown; a pre-2019 report's is its figure through the crosswalk.
    const keys = figureCellKeys(report, id);
    return { keys: withSource(keys), title: `${id} (${keys.join(' + ')})` };
  }
  if (what === 'problem') {
    const problem = detail.problems[Number(id)];
    if (!problem) return { keys: [], title: 'unknown problem' };
    return { keys: withSource(problem.cells || []), problem, problemIndex: Number(id), source: problem.source, px: problem.px, title: problem.code };
  }
  if (what === 'cross') {
    const [n, key] = id.split(/:(.*)/s);
    const cross = DATA.problems[Number(n)];
    if (!cross) return { keys: [], title: 'unknown problem' };
    const keys = key ? [key] : cross.cells.filter((c) => c.report === report.id).map((c) => c.key);
    return { keys: withSource(keys), cross, crossIndex: Number(n), title: cross.code };
  }
  // The report itself: its first problem, or its first cell with a place.
  if (detail.problems.length > 0) return selectionOf(detail, report, 'problem', '0');
  const first = Object.keys(cells).find((k) => cells[k].source);
  return first ? { keys: [first], title: first } : { keys: [], title: report.file };
}

function problemsOfCell(detail, reportIndex, key) {
  const own = detail.problems.map((p, n) => [p, n]).filter(([p]) => (p.cells || []).includes(key));
  const report = DATA.reports[reportIndex];
  const cross = (crossByReport.get(reportIndex) || []).filter((n) => DATA.problems[n].cells.some((c) => c.report === report.id && c.key === key));
  return [
    ...own.map(([p, n]) => el('li', {}, severityBadge(p.severity), ' ', el('a', { href: viewHref(reportIndex, 'problem', n) }, p.code), ' ', p.message)),
    ...cross.map((n) => el('li', {}, severityBadge(DATA.problems[n].severity), ' ', el('a', { href: viewHref(reportIndex, 'cross', `${n}:${key}`) }, DATA.problems[n].code), ' ', DATA.problems[n].message)),
  ];
}

function sourceText(source) {
  if (!source) return 'no source place';
  const parts = [];
  if (source.page !== undefined) parts.push(`page ${source.page}`);
  if (source.bbox) parts.push(`bbox [${source.bbox.join(', ')}] (PDF points, y up; pixels for image files)`);
  if (source.table !== undefined) parts.push(`table ${source.table} · row ${source.row} · col ${source.col}`);
  if (source.line !== undefined) parts.push(`line ${source.line}${source.char ? `, char ${source.char}` : ''}`);
  return parts.join(' · ');
}

function cellInfo(detail, reportIndex, key) {
  const cell = detail.cells[key];
  const rows = [
    ['Value', fmtNumber(cell.value)], ['Raw text', cell.raw === null ? '(none)' : `「${cell.raw}」`], ['State', cell.state],
    ['Confidence', cell.confidence.toFixed(2)], ['Source', sourceText(cell.source)],
  ];
  if (cell.source && cell.source.path) rows.push(['DOM path', el('code', { class: 'path' }, cell.source.path)]);
  if (cell.alternatives && cell.alternatives.length) rows.push(['OCR also read', cell.alternatives.join(', ')]);
  const problems = problemsOfCell(detail, reportIndex, key);
  return el('div', { class: 'cell-info', 'data-key': key },
    el('h3', {}, el('code', {}, key), ' ', detail.labels[key] && detail.labels[key] !== key ? detail.labels[key] : ''),
    el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('h4', {}, `Problems of this cell (${problems.length})`),
    problems.length ? el('ul', { class: 'problem-list' }, problems) : el('p', { class: 'note' }, 'none'));
}

const pct = (v, of) => `${(v / of) * 100}%`;

/** The page image with a box for every cell on it; the selected ones highlighted, the first one the primary. */
function pageView(detail, reportIndex, page, selectedKeys, extraBox) {
  const image = detail.pages[page];
  if (!image) return el('p', { class: 'note missing' }, `Page ${page} has no image: ${detail.sourceNote || 'it was not drawn'}.`);
  const frame = el('div', { class: 'page', style: { aspectRatio: `${image.width} / ${image.height}` }, 'data-page': page },
    el('img', { src: image.src, alt: `page ${page}`, width: image.width, height: image.height }));
  const box = (px, cls, key) => {
    const [x0, y0, x1, y1] = px.box;
    const style = { left: pct(x0, image.width), top: pct(y0, image.height), width: pct(x1 - x0, image.width), height: pct(y1 - y0, image.height) };
    return key ? el('a', { class: cls, style, href: viewHref(reportIndex, 'cell', key), title: key, 'data-key': key }) : el('div', { class: cls, style });
  };
  for (const [key, cell] of Object.entries(detail.cells)) {
    if (!cell.px || cell.px.page !== page) continue;
    const at = selectedKeys.indexOf(key);
    frame.append(box(cell.px, at === 0 ? 'cellbox highlight primary' : at > 0 ? 'cellbox highlight' : 'cellbox', key));
  }
  if (extraBox && extraBox.page === page) frame.append(box(extraBox, `highlight${selectedKeys.length ? '' : ' primary'}`));
  return frame;
}

/** The table grid (the source's own, or re-drawn from the report's cells) with the selected cells highlighted. */
function gridView(detail, reportIndex, tableIndex, selectedKeys) {
  const keysAt = new Map();
  for (const [key, cell] of Object.entries(detail.cells)) {
    const s = cell.source;
    if (s && s.table === tableIndex && s.row !== undefined) keysAt.set(`${s.row}:${s.col}`, key);
  }
  let rows = detail.tables[tableIndex];
  const fromSource = !!rows;
  if (!rows) {
    // Re-drawn from the report's cells: only the value cells are known, labels are not in the report.
    const places = [...keysAt.keys()].map((k) => k.split(':').map(Number));
    const height = Math.max(0, ...places.map((p) => p[0] + 1));
    const width = Math.max(0, ...places.map((p) => p[1] + 1));
    rows = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => {
      const key = keysAt.get(`${r}:${c}`);
      return { t: key ? detail.cells[key].raw ?? '' : '', r, c, rs: 1, cs: 1 };
    }));
  }
  const table = el('table', { class: 'grid', 'data-table': tableIndex }, el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => {
    const key = keysAt.get(`${cell.r}:${cell.c}`);
    const at = key ? selectedKeys.indexOf(key) : -1;
    const cls = at === 0 ? 'highlight primary' : at > 0 ? 'highlight' : key ? 'valued' : '';
    return el('td', { rowspan: cell.rs > 1 ? cell.rs : null, colspan: cell.cs > 1 ? cell.cs : null, class: cls, 'data-row': cell.r, 'data-col': cell.c, title: key || null },
      key ? el('a', { href: viewHref(reportIndex, 'cell', key) }, cell.t || '·') : cell.t);
  })))));
  return el('div', { class: 'grid-wrap' },
    el('p', { class: 'note' }, fromSource ? `Table ${tableIndex} as the source's reader sees it.` : `Table ${tableIndex} re-drawn from the report's cells (row labels are not in the report)${detail.sourceNote ? `: ${detail.sourceNote}` : ''}.`),
    table);
}

/** The text line of the cell with its neighbours; the raw text marked where it starts. */
function linesView(detail, source, raw) {
  const context = detail.lines[`${source.line}:${source.char || 1}`];
  if (!context) return el('p', { class: 'note missing' }, `Line ${source.line}${source.char ? `, char ${source.char}` : ''}: ${detail.sourceNote || 'the line is not available'}.`);
  return el('pre', { class: 'lines' }, context.map((l) => {
    const number = el('span', { class: 'lineno' }, String(l.line).padStart(5), l.start > 1 ? ' …' : '  ');
    if (l.line !== source.line) return el('div', {}, number, l.text);
    const at = (source.char || 1) - l.start;
    const length = Math.max(1, (raw || '').length);
    return el('div', { class: 'current' }, number, l.text.slice(0, at), el('mark', { class: 'highlight primary' }, l.text.slice(at, at + length)), l.text.slice(at + length));
  }));
}

function sourcePane(detail, report, reportIndex, selection) {
  const first = selection.keys[0] ? detail.cells[selection.keys[0]] : null;
  const source = (first && first.source) || selection.source || (selection.px ? { page: selection.px.page } : null);
  const header = el('p', { class: 'source-head' }, el('strong', {}, detail.file), ` · ${detail.format} (${detail.reader})`);
  const parts = [header];
  if (detail.sourceNote) parts.push(el('p', { class: 'note missing', id: 'source-note' }, `Source: ${detail.sourceNote}.`));
  if (!source) {
    parts.push(el('p', { class: 'note' }, 'This has no place in the source (the problem concerns the whole report).'));
  } else if (PAGED_FORMATS.has(detail.format) && source.page !== undefined) {
    parts.push(el('p', { class: 'note' }, sourceText(source)), pageView(detail, reportIndex, source.page, selection.keys, selection.keys.length ? null : selection.px));
  } else if (source.line !== undefined) {
    parts.push(linesView(detail, source, first && first.raw));
    if (source.table !== undefined) parts.push(gridView(detail, reportIndex, source.table, selection.keys));
  } else if (source.table !== undefined) {
    if (source.path) parts.push(el('p', { class: 'note' }, 'DOM path: ', el('code', { class: 'path' }, source.path)));
    parts.push(gridView(detail, reportIndex, source.table, selection.keys));
  } else {
    parts.push(el('p', { class: 'note' }, sourceText(source)));
  }
  return el('div', { class: 'source-pane' }, parts);
}

function infoPane(detail, report, reportIndex, selection) {
  const parts = [];
  if (selection.problem) {
    const p = selection.problem;
    parts.push(el('div', { class: 'problem-head' }, severityBadge(p.severity), ' ', el('code', {}, p.code), el('p', {}, p.message)));
  }
  if (selection.cross) {
    const p = selection.cross;
    const others = p.cells.filter((c) => c.report !== report.id).map((c) => {
      const i = reportIndexById.get(c.report);
      return i === undefined ? `${c.report} · ${c.key}` : el('li', {}, el('a', { href: viewHref(i, 'cross', `${selection.crossIndex}:${c.key}`) }, `${reportLabel(DATA.reports[i])} · ${c.key}`));
    });
    parts.push(el('div', { class: 'problem-head' }, severityBadge(p.severity), ' ', el('code', {}, p.code), ' (cross-report)', el('p', {}, p.message),
      others.length ? el('div', {}, 'The other side: ', el('ul', {}, others)) : null));
  }
  if (selection.keys.length === 0 && !selection.problem && !selection.cross) parts.push(el('p', { class: 'note' }, `${selection.title}: no such cell in this report.`));
  for (const key of selection.keys) parts.push(cellInfo(detail, reportIndex, key));
  return el('div', { class: 'info-pane' }, parts);
}

function reportLists(detail, reportIndex) {
  const problems = detail.problems.map((p, n) => el('li', {}, severityBadge(p.severity), ' ', el('a', { href: viewHref(reportIndex, 'problem', n), class: 'problem-link' }, p.code), ' ', p.message));
  const cross = (crossByReport.get(reportIndex) || []).map((n) => el('li', {}, severityBadge(DATA.problems[n].severity), ' ', el('a', { href: viewHref(reportIndex, 'cross', String(n)), class: 'cross-link' }, DATA.problems[n].code), ' ', DATA.problems[n].message));
  const tables = new Map();
  for (const key of Object.keys(detail.cells)) {
    const t = key.split('.')[0];
    if (!tables.has(t)) tables.set(t, []);
    tables.get(t).push(key);
  }
  return el('div', { class: 'report-lists' },
    el('h3', {}, `Problems of the report (${problems.length})`), problems.length ? el('ul', { class: 'problem-list' }, problems) : el('p', { class: 'note' }, 'none'),
    el('h3', {}, `Cross-report problems (${cross.length})`), cross.length ? el('ul', { class: 'problem-list' }, cross) : el('p', { class: 'note' }, 'none'),
    el('h3', {}, 'All cells'),
    [...tables].map(([t, keys]) => el('details', {}, el('summary', {}, `${t} (${keys.length} cells)`),
      el('ul', { class: 'cell-list' }, keys.map((k) => el('li', {}, el('a', { href: viewHref(reportIndex, 'cell', k) }, k), ` ${detail.cells[k].raw ?? '—'}`))))));
}

function showViewer(main, reportIndex, what, id) {
  const report = DATA.reports[reportIndex];
  if (!report) {
    main.replaceChildren(el('p', {}, 'No such report.'));
    return;
  }
  const hash = location.hash;
  main.replaceChildren(el('p', { class: 'loading' }, 'Loading the report…'));
  loadDetail(reportIndex).then((detail) => {
    if (location.hash !== hash) return;
    const head = el('div', { class: 'viewer-head' },
      el('h2', {}, reportLabel(report)),
      el('p', {}, report.agencyKey ? el('a', { href: `#agency/${encodeURIComponent(report.agencyKey)}` }, 'agency view') : null, ` · ${report.id}`));
    if (!detail || detail.missing) {
      main.replaceChildren(el('section', { id: 'viewer' }, head, el('p', { class: 'note missing' }, detail ? detail.missing : 'The report JSON could not be read when the page was made.')));
      return;
    }
    const selection = selectionOf(detail, report, what, id);
    main.replaceChildren(el('section', { id: 'viewer' }, head,
      el('div', { class: 'viewer-body' }, sourcePane(detail, report, reportIndex, selection), infoPane(detail, report, reportIndex, selection)),
      reportLists(detail, reportIndex)));
    const primary = main.querySelector('.highlight.primary');
    const pane = main.querySelector('.source-pane');
    if (primary && pane) {
      // Scroll the source pane only, not the window: the header and the cell's details stay in view.
      const at = primary.getBoundingClientRect();
      const frame = pane.getBoundingClientRect();
      pane.scrollTop += at.top - frame.top - pane.clientHeight / 2;
      pane.scrollLeft += at.left - frame.left - pane.clientWidth / 2;
    }
    main.querySelector('#viewer').dataset.ready = 'true';
  });
}
