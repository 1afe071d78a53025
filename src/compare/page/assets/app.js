'use strict';
/* The frame: navigation and the hash router. */

const main = el('main', { id: 'main' });
const nav = el('nav', {},
  el('a', { href: '#overview', 'data-view': 'overview' }, `Overview (${DATA.reports.length})`),
  el('a', { href: '#agency', 'data-view': 'agency' }, `Agencies (${DATA.agencies.length})`),
  el('a', { href: '#problems', 'data-view': 'problems' }, `Cross-report problems (${DATA.problems.length})`),
  el('span', { class: 'generated' }, DATA.generatedBy, DATA.skipped.length ? ` · ${DATA.skipped.length} file(s) skipped` : ''));

/*
 * No element's id is a route name (the views' sections are #overview-view, #agency-view, #problems-view): a page opened
 * at report.html#problems would otherwise be scrolled by the browser to an element #problems, its head off screen.
 */
function route() {
  const [view, ...rest] = location.hash.replace(/^#/, '').split('/');
  // A view is shown from its top, not at the scroll offset of the one before.
  window.scrollTo(0, 0);
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.view === (view || 'overview'));
  for (const name of Object.keys(window.govreportCharts)) {
    window.govreportCharts[name].dispose();
    delete window.govreportCharts[name];
  }
  if (view === 'agency') showAgency(main, rest.length ? decodeURIComponent(rest.join('/')) : undefined);
  else if (view === 'problems') showProblems(main);
  else if (view === 'view') showViewer(main, Number(rest[0]), rest[1], rest.length > 2 ? decodeURIComponent(rest.slice(2).join('/')) : undefined);
  else showOverview(main);
}

document.getElementById('app').replaceChildren(el('header', {}, el('h1', {}, '政府信息公开工作年度报告 · compare'), nav), main);
window.addEventListener('hashchange', route);
window.addEventListener('resize', () => {
  for (const chart of Object.values(window.govreportCharts)) chart.resize();
  if (overview.node && overview.node.node.isConnected) renderOverviewRows();
});
route();
document.body.dataset.ready = 'true';
