/** Builders for layout documents in tests: tables from arrays of cell texts. */
import type { LayoutCell, LayoutDocument, TableBlock, TextBlock } from '../../src/model/layout.js';

/** A cell: a string, or [text, rowSpan, colSpan]. */
export type CellSpec = string | [string, number, number];

export function table(rows: CellSpec[][], index = 0): TableBlock {
  return {
    kind: 'table',
    index,
    rows: rows.map((row, r) =>
      row.map((spec, c): LayoutCell => {
        const [text, rowSpan, colSpan] = typeof spec === 'string' ? [spec, 1, 1] : spec;
        return { text, rowSpan, colSpan, source: { table: index, path: `t${index}>r${r}>c${c}` } };
      }),
    ),
    source: { table: index },
  };
}

export function para(text: string): TextBlock {
  return { kind: 'text', role: 'paragraph', text, source: { path: 'p' } };
}

export function layoutOf(...blocks: Array<TableBlock | TextBlock>): LayoutDocument {
  return { format: 'html', reader: 'html', meta: {}, blocks, problems: [] };
}
