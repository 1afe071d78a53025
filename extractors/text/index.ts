/**
 * The text reader: .txt and .md exports (a word processor's "save as text",
 * pdftotext, crawler dumps, PDF-to-markdown and OCR-markdown tools) → the
 * layout model. Bytes are decoded as HTML pages are (html/decode.ts), each
 * line put in canonical code points; lines become headings, paragraphs and
 * tables (lines.ts), a report dumped on one line is first cut where the
 * template's labels stand (runon.ts). Provenance is the line (1-based) and character column.
 */
import type { LayoutDocument } from '../../src/model/layout.js';
import { canonicalize } from '../../src/text/normalize.js';
import { decodeHtml } from '../html/decode.js';
import type { SourceLine } from './lines.js';
import { toBlocks } from './lines.js';
import { splitRunOn } from './runon.js';

export function readText(bytes: Uint8Array): LayoutDocument {
  const decoded = decodeHtml(bytes, { markup: false });
  const lines: SourceLine[] = decoded.text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .flatMap((printed, i) => {
      // Lines are cut into rows and values by patterns of ASCII digits: canonical text first (full-width digits,
      // a zero-width space inside a number), columns still counted in the file's own line.
      const { text, origin } = canonicalize(printed);
      const inFile = (char: number) => (origin[char - 1] ?? printed.length) + 1;
      return splitRunOn(text).map((p) => ({ line: i + 1, text: p.text, column: (char: number) => inFile(p.column(char)) }));
    });
  return { format: 'txt', reader: 'text', encoding: decoded.encoding, meta: {}, blocks: toBlocks(lines), problems: decoded.problems };
}
