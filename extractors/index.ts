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

const wordMainPart = Buffer.from('word/document.xml', 'latin1');

/**
 * Whether a zip holds a Word document (a word/document.xml entry): the names
 * in its central directory, found from the end-of-central-directory record;
 * a zip too damaged for that is searched for the name (stored uncompressed in
 * every local header).
 */
function isWordZip(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record is 22 bytes plus a comment of at most 65,535.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  for (let eocd = buf.length - 22; eocd >= from; eocd--) {
    if (buf.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(eocd + 10);
    let at = buf.readUInt32LE(eocd + 16);
    let read = 0;
    for (; read < entries && at + 46 <= buf.length && buf.readUInt32LE(at) === 0x02014b50; read++) {
      const nameLength = buf.readUInt16LE(at + 28);
      if (nameLength === wordMainPart.length && buf.subarray(at + 46, at + 46 + nameLength).equals(wordMainPart)) return true;
      at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    }
    if (read === entries && entries !== 0xffff) return false; // the whole directory read (ZIP64 counts are 0xffff here)
    break;
  }
  return buf.includes(wordMainPart);
}

export function sniffFormat(bytes: Uint8Array, fileName: string): Sniffed {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  // A Word zip is DOCX whatever its name (a .doc or .wps saved as DOCX, no extension).
  if (head[0] === 0x50 && head[1] === 0x4b) return ext === 'docx' || ext === 'docm' || isWordZip(bytes) ? 'docx' : 'zip';
  // Compound files: Word 97-2003, and WPS Office's .wps (the same binary format); the doc reader says when one is not Word.
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
export const inputExtensions = ['.html', '.htm', '.shtml', '.pdf', '.docx', '.docm', '.doc', '.wps', '.png', '.jpg', '.jpeg', '.txt', '.md', '.markdown'];

/**
 * Formats often found beside reports that are no report this tool reads, by
 * extension: what they are, for the person who gave one (a workbook of the
 * figures is not the report, and `No ZIP reader` says nothing). A file given
 * directly with one of these is not converted, like one found in a folder.
 */
export const otherFormats: Readonly<Record<string, string>> = {
  '.xlsx': 'an Excel workbook',
  '.xlsm': 'an Excel workbook',
  '.xls': 'an Excel workbook',
  '.et': 'a WPS spreadsheet',
  '.ods': 'an OpenDocument spreadsheet',
  '.csv': 'a CSV table',
  '.pptx': 'a PowerPoint presentation',
  '.ppt': 'a PowerPoint presentation',
  '.dps': 'a WPS presentation',
  '.odp': 'an OpenDocument presentation',
  '.zip': 'an archive: unpack it first',
  '.rar': 'an archive: unpack it first',
  '.7z': 'an archive: unpack it first',
  '.json': 'JSON data',
};
