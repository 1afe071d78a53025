/** The one HTML file: style, data, ECharts and the page script, all inline. */
import type { PageAssets } from './assets.js';

/** JSON that can stand inside a <script> element: no "</script", no "<!--". */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script's text made safe to inline: a "</script" inside it would end the element early. */
const inlineScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1');

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function pageHtml(title: string, pageData: unknown, assets: PageAssets): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
</head>
<body>
<div id="app"><p class="loading">Loading…</p></div>
<script type="application/json" id="compare-data">${inlineJson(pageData)}</script>
<script>${inlineScript(assets.echarts)}</script>
<script>${inlineScript(assets.script)}</script>
</body>
</html>
`;
}
