/**
 * The text reader: .txt and .md exports (a word processor's "save as text",
 * pdftotext, crawler dumps, PDF-to-markdown and OCR-markdown tools) → the
 * layout model. Bytes are decoded as HTML pages are (BOM, strict UTF-8,
 * GB18030); lines become headings, paragraphs and tables (lines.ts), a
 * report dumped on one line is first cut where the template's labels stand
 * (runon.ts). Provenance is the line (1-based) and character column.
 */
import type { LayoutDocument } from '../../src/model/layout.js';
import { decodeHtml } from '../html/decode.js';
import type { SourceLine } from './lines.js';
import { toBlocks } from './lines.js';
import { splitRunOn } from './runon.js';

export function readText(bytes: Uint8Array): LayoutDocument {
  const decoded = decodeHtml(bytes, { markup: false });
  const lines: SourceLine[] = decoded.text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .flatMap((text, i) => splitRunOn(text).map((p) => ({ line: i + 1, text: p.text, column: p.column })));
  return { format: 'txt', reader: 'text', encoding: decoded.encoding, meta: {}, blocks: toBlocks(lines), problems: decoded.problems };
}
