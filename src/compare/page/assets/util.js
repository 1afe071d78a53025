'use strict';
/* Shared by every view: the data, element building, number display, detail loading. */

const DATA = JSON.parse(document.getElementById('compare-data').textContent);

/** Builds an element: el('a', { href: '#x', class: 'y', onclick: f }, 'text', child…). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name === 'style' && typeof value === 'object') Object.assign(node.style, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fmtNumber = (v) => (v === null || v === undefined ? '—' : numberFormat.format(v));
/** A share of two printed figures, for display only (never written back as a value). */
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || b === 0 ? null : a / b);
const fmtShare = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

/** The cells a report's figure is read from: the 2019/2021 cells, or for a pre-2019 report the pre2019.* figure the crosswalk continues into it. */
function figureCellKeys(report, figure) {
  if (report.figuresVia === 'crosswalk') return DATA.crosswalk.filter((c) => c.figure === figure).map((c) => c.pre2019);
  return DATA.figureKeys[figure] ? [DATA.figureKeys[figure]] : DATA.groupFigureKeys[figure] || [];
}

const levelNames = { government: '政府 government', department: '部门 department', township: '乡镇街道 township', unknown: 'unknown' };

/** Hash routes: #overview, #agency/<key>, #problems, #view/<report index>/cell/<key>, #view/<i>/problem/<n>, #view/<i>/cross/<n>. */
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}
const viewHref = (reportIndex, what, id) => `#view/${reportIndex}/${what}/${encodeURIComponent(id)}`;

const reportIndexById = new Map(DATA.reports.map((r, i) => [r.id, i]));
const agencyByKey = new Map(DATA.agencies.map((a) => [a.key, a]));

/** Cross problems a report takes part in, by report index. */
const crossByReport = (() => {
  const map = new Map();
  DATA.problems.forEach((p, n) => {
    for (const id of p.reports) {
      const i = reportIndexById.get(id);
      if (i === undefined) continue;
      if (!map.has(i)) map.set(i, []);
      map.get(i).push(n);
    }
  });
  return map;
})();

/* Report details are small scripts beside the page (file:// cannot fetch()); each calls govreportDetail(n, detail). */
const detailCache = new Map();
const detailWaiting = new Map();
window.govreportDetail = (n, detail) => {
  detailCache.set(n, detail);
  const waiting = detailWaiting.get(n);
  if (waiting) waiting.resolve(detail);
  detailWaiting.delete(n);
};
function loadDetail(reportIndex) {
  const n = DATA.detailOf[reportIndex];
  if (n === null || n === undefined) return Promise.resolve(null);
  if (detailCache.has(n)) return Promise.resolve(detailCache.get(n));
  if (detailWaiting.has(n)) return detailWaiting.get(n).promise;
  let resolve;
  const promise = new Promise((ok) => (resolve = ok));
  detailWaiting.set(n, { promise, resolve });
  const script = el('script', { src: `${DATA.filesDir}/detail/${n}.js` });
  script.addEventListener('error', () => {
    detailWaiting.delete(n);
    resolve({ missing: `${DATA.filesDir}/detail/${n}.js could not be loaded: keep the folder ${DATA.filesDir} beside the page` });
  });
  document.head.append(script);
  return promise;
}

function severityBadge(severity) {
  return el('span', { class: `sev sev-${severity}` }, severity);
}

/** The last part of a source path (a report may give its file with folders, of either system). */
const fileName = (path) => path.split(/[\\/]/).pop();

function reportLabel(r) {
  return `${r.agency || r.title || r.file}${r.year ? ` ${r.year}` : ''}`;
}
