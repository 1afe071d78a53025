/**
 * The legacy Word (.doc, Word 97-2003) reader, on word-extractor. Its text
 * keeps no cell grid, and files differ in how cells show in it:
 * - cells ended by tabs, rows by a line break — or, inside long tables, by
 *   another tab, so several rows share one line;
 * - cells on lines of their own, rows ended by an empty line — which an
 *   empty cell also is.
 * Rows are rebuilt from what a report row looks like (labels, then values: a
 * label after values starts a new row), merged cells leave no trace, and a
 * row these rules cannot rebuild is left for the mapper to report (too few
 * values, or values without a label) rather than guessed.
 */
import WordExtractor from 'word-extractor';
import type { Block, LayoutCell, LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import { headedSection } from '../../src/text/headings.js';
import { parseValue } from '../../src/text/number.js';
import { append } from '../../src/arrays.js';

/** Table cells are short; a longer line is running text. */
const maxCellLength = 60;

const isSectionHeading = (line: string) => headedSection(line) !== undefined;

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

const isLabel = (cell: string) => cell !== '' && !isValue(cell);

/**
 * Cells of tab-separated text → rows: a label that follows values begins a new row; empty cells at a
 * row's end are row marks. Word writes a row mark after every row's last cell, so one empty cell between
 * labels and the first value (「审结 | 总计 | | 2 | 0 …」, the header of Table 4 over its row of values)
 * ends the header row: a report row does not hold an empty cell between its label and its values.
 */
export function splitRows(cells: string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const close = () => {
    while (row.length > 0 && row.at(-1) === '') row.pop();
    if (row.length > 0) rows.push(row);
    row = [];
  };
  for (const cell of cells) {
    if (isLabel(cell) && row.some(isValue)) close();
    else if (isValue(cell) && row.at(-1) === '' && isLabel(row.at(-2) ?? '') && !row.some(isValue)) close();
    row.push(cell);
  }
  close();
  return rows;
}

/** Lines → paragraphs, section headings and tables. */
export function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let table: LayoutCell[][] | undefined;
  let tableIndex = 0;
  const text = (line: string): Block => ({ kind: 'text', role: isSectionHeading(line) ? 'heading' : 'paragraph', text: line, source: {} });
  const endTable = () => {
    if (table && table.some((row) => row.some((c) => isValue(c.text)))) {
      const index = tableIndex++;
      blocks.push({ kind: 'table', index, rows: table.map((row) => row.map((c) => ({ ...c, source: { table: index } }))), source: { table: index } });
    } else if (table) {
      append(blocks, table.flatMap((row) => row.filter((c) => c.text !== '').map((c) => text(c.text))));
    }
    table = undefined;
  };
  const addRow = (cells: string[]) => {
    table ??= [];
    table.push(cells.map((t) => ({ text: t, rowSpan: 1, colSpan: 1, source: {} })));
  };

  // Lines without tabs: groups between empty lines (the second layout above).
  const groups: string[][] = [];
  let group: string[] = [];
  const flushGroups = () => {
    if (group.length > 0) groups.push(group);
    group = [];
    groups.forEach((g, i) => {
      const rowLike = g.length >= 2 && g.every((l) => l.length <= maxCellLength || isSectionHeading(l));
      const inTable = rowLike && (g.some(isValue) || (groups[i + 1] ?? []).some(isValue) || table !== undefined);
      if (!inTable) {
        endTable();
        append(blocks, g.map(text));
        return;
      }
      // Section headings and text before the first cell share the group: they stay text.
      const headingAt = g.findLastIndex(isSectionHeading);
      if (headingAt >= 0) {
        endTable();
        append(blocks, g.slice(0, headingAt + 1).map(text));
      }
      if (g.length > headingAt + 1) addRow(g.slice(headingAt + 1));
    });
    groups.length = 0;
  };

  for (const raw of body.replace(/\r/g, '').split('\n')) {
    const clean = (t: string) => t.replace(/[\u00a0\u3000 ]+/g, ' ').trim();
    if (raw.includes('\t')) {
      // Tab layout: every row line ends with the row mark's tab, one-cell rows too.
      flushGroups();
      for (const row of splitRows(raw.split('\t').map(clean))) addRow(row);
      continue;
    }
    const line = clean(raw);
    if (line === '') {
      if (group.length > 0) groups.push(group);
      group = [];
    } else {
      group.push(line);
    }
  }
  flushGroups();
  endTable();
  return blocks;
}
