/** The HTML reader: bytes of a web page → the layout model. */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import { extractBlocks } from './blocks.js';
import { findContent, textOf } from './content.js';
import { decodeHtml } from './decode.js';

/**
 * Deeper nesting than this is no web page a person wrote or a CMS made (they
 * reach a few dozen levels); the readers walk the tree, and 200,000 nested
 * divs would hold a worker for minutes.
 */
const maxNesting = 1000;

/** Elements that pages close (unlike p, li, td, which the parser closes for them): their open count is the nesting. */
const closedElements = new Set(['div', 'table', 'span', 'section', 'article', 'ul', 'ol', 'dl', 'blockquote', 'form', 'center']);

/** How deep the markup nests those elements, from a scan of its tags (no tree built); stops counting past the limit. */
export function markupDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (!closedElements.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > deepest) {
      deepest = depth;
      if (deepest > maxNesting) break;
    }
  }
  return deepest;
}

/** Share of replacement or control characters above which the bytes are not a text page at all. */
const maxGarbageShare = 0.02;

export function readHtml(bytes: Uint8Array): LayoutDocument {
  const decoded = decodeHtml(bytes);
  const layout: LayoutDocument = {
    format: 'html',
    reader: 'html',
    encoding: decoded.encoding,
    meta: {},
    blocks: [],
    problems: [...decoded.problems],
  };
  const sample = decoded.text.slice(0, 65536);
  const garbage = (sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (sample.trim() === '' || garbage > sample.length * maxGarbageShare || !/<[a-zA-Z!]/.test(sample)) {
    // What the bytes are not is the news; how they failed to decode is not.
    layout.problems = [];
    layout.problems.push(problem('FILE_UNREADABLE', sample.trim() === '' ? 'The file is empty' : 'The file is not an HTML page (binary or garbled content)'));
    return layout;
  }
  // Before parsing: the HTML tree builder itself takes quadratic time on nesting like 100,000 tables.
  const depth = markupDepth(decoded.text);
  if (depth > maxNesting) {
    layout.problems.push(problem('FILE_UNREADABLE', `The page nests its elements more than ${maxNesting} levels deep (a page holds a few dozen): not read`));
    return layout;
  }
  const $ = cheerio.load(decoded.text);
  const meta = (name: string) => $(`meta[name="${name}"], meta[property="${name}"]`).attr('content')?.trim();
  layout.meta = {
    title: $('title').first().text().trim() || undefined,
    titleCandidates: [meta('ArticleTitle'), meta('og:title'), meta('title'), ...$('h1').map((_, h) => textOf(h).trim()).get()].filter(
      (t): t is string => typeof t === 'string' && t !== '',
    ),
  };
  const body = ($('body').get(0) ?? $.root().children().get(0)) as Element | undefined;
  if (!body) return layout;
  layout.blocks = extractBlocks(findContent(body));
  return layout;
}
