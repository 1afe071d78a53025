/**
 * The legacy Word (.doc, Word 97-2003) reader, on word-extractor. Its text
 * keeps paragraphs and table cells as lines and ends each table row with an
 * empty line, but an empty cell is an empty line too, and merged cells leave
 * no trace. So table rows are read as groups of lines between empty lines,
 * and a row that an empty cell has cut in two is left for the mapper to
 * report (too few values, or values without a label) rather than guessed.
 */
import WordExtractor from 'word-extractor';
import type { Block, LayoutCell, LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import { sections } from '../../mappings/sections.js';
import { labelKey, normalizeText } from '../../src/text/normalize.js';
import { parseValue } from '../../src/text/number.js';

/** Table cells are short; a longer line is running text. */
const maxCellLength = 60;

const isSectionHeading = (line: string) => {
  const t = normalizeText(line);
  return t.length <= 40 && sections.some((s) => new RegExp(`^${s.numeral}[、.]`).test(t) && s.contains.some((k) => labelKey(t).includes(k)));
};

const isValue = (line: string) => parseValue(line).state === 'number' || parseValue(line).state === 'dash';

export async function readDoc(bytes: Uint8Array): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'doc', reader: 'doc', meta: {}, blocks: [], problems: [] };
  let body: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes));
    body = document.getBody();
  } catch (error) {
    // Word stores a password-protected .docx as a compound file with these two streams (names in UTF-16).
    const encrypted = Buffer.from(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'));
    layout.problems.push(
      problem('FILE_UNREADABLE', encrypted ? 'The Word document is password-protected (encrypted)' : `Not a readable Word 97-2003 document: ${(error as Error).message}`),
    );
    return layout;
  }
  layout.blocks = blocksOf(body);
  if (layout.blocks.some((b) => b.kind === 'table')) {
    layout.problems.push(
      problem('TABLE_GRID_GUESSED', 'Word 97-2003 file: table rows are read from the text without the cell grid; merged or empty cells can leave a row unplaced (then named in CELL_MISSING)'),
    );
  }
  return layout;
}

/** Lines → paragraphs, section headings and tables (groups of short lines between empty lines). */
export function blocksOf(body: string): Block[] {
  const groups: string[][] = [[]];
  for (const raw of body.replace(/\r/g, '').split('\n')) {
    const line = raw.replace(/[\t\u00a0\u3000 ]+/g, ' ').trim();
    if (line === '') {
      if (groups.at(-1)!.length > 0) groups.push([]);
    } else groups.at(-1)!.push(line);
  }
  const rowLike = (g: string[]) => g.length >= 2 && g.every((l) => l.length <= maxCellLength || isSectionHeading(l));
  const blocks: Block[] = [];
  let table: LayoutCell[][] | undefined;
  let tableIndex = 0;
  const endTable = () => {
    if (table && table.some((row) => row.some((c) => isValue(c.text)))) {
      const index = tableIndex++;
      blocks.push({ kind: 'table', index, rows: table.map((row) => row.map((c) => ({ ...c, source: { table: index } }))), source: { table: index } });
    } else if (table) {
      blocks.push(...table.flatMap((row) => row.map((c): Block => ({ kind: 'text', role: 'paragraph', text: c.text, source: {} }))));
    }
    table = undefined;
  };
  groups.forEach((group, i) => {
    const next = groups[i + 1] ?? [];
    const inTable = rowLike(group) && (group.some(isValue) || next.some(isValue) || table !== undefined);
    if (!inTable) {
      endTable();
      for (const line of group) blocks.push({ kind: 'text', role: isSectionHeading(line) ? 'heading' : 'paragraph', text: line, source: {} });
      return;
    }
    // Section headings and text before the first cell share the group: they stay text.
    const headingAt = group.findLastIndex(isSectionHeading);
    if (headingAt >= 0) {
      endTable();
      for (const line of group.slice(0, headingAt + 1)) blocks.push({ kind: 'text', role: isSectionHeading(line) ? 'heading' : 'paragraph', text: line, source: {} });
    }
    const cells = group.slice(headingAt + 1);
    if (cells.length === 0) return;
    table ??= [];
    table.push(cells.map((text) => ({ text, rowSpan: 1, colSpan: 1, source: {} })));
  });
  endTable();
  return blocks;
}
