/**
 * Which reader takes a file: the bytes decide, the extension only breaks
 * ties, so a PDF named .html is not fed to the HTML reader.
 */
import type { InputFormat, LayoutDocument } from '../src/model/layout.js';
import { readHtml } from './html/index.js';
import { readDoc } from './doc/index.js';
import { readDocx } from './docx/index.js';
import { readImage } from './image/index.js';
import { readPdf } from './pdf/index.js';
import { readText } from './text/index.js';

export type Sniffed = InputFormat | 'zip' | 'unknown';

export function sniffFormat(bytes: Uint8Array, fileName: string): Sniffed {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) return ext === 'docx' || ext === 'docm' ? 'docx' : 'zip';
  if (head.toString('hex') === 'd0cf11e0a1b11ae1') return 'doc';
  if ((head[0] === 0xff && head[1] === 0xd8) || head.toString('latin1', 1, 4) === 'PNG') return 'image';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  if (ext === 'txt' || ext === 'md' || ext === 'markdown') return 'txt';
  return 'unknown';
}

/** Readers by format; formats without one get FILE_UNREADABLE naming what they are. */
export const readers: Partial<Record<Sniffed, (bytes: Uint8Array) => LayoutDocument | Promise<LayoutDocument>>> = {
  html: readHtml,
  pdf: readPdf,
  docx: readDocx,
  doc: readDoc,
  image: readImage,
  txt: readText,
};

/** Extensions the batch walker picks up in folders. */
export const inputExtensions = ['.html', '.htm', '.shtml', '.pdf', '.docx', '.docm', '.doc', '.png', '.jpg', '.jpeg', '.txt', '.md', '.markdown'];
