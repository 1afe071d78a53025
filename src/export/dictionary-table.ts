/**
 * The cell_dictionary table of an export: the cell dictionary beside the
 * data, so that a query can join cells.key to Chinese labels. The same in
 * every export (it describes the keys, not the reports); its columns are the
 * dictionary's own (src/dictionary/cells.ts).
 */
import { cellDictionary, cellDictionaryColumns } from '../dictionary/cells.js';
import type { ColumnType, RowValues } from './tables.js';

export const dictionaryTable = 'cell_dictionary';

export const dictionaryColumns: ReadonlyArray<{ name: string; type: ColumnType }> = cellDictionaryColumns.map((c) => ({
  name: c.name,
  type: c.list ? 'textList' : 'text',
}));

export function dictionaryRows(): RowValues[] {
  return cellDictionary().map((entry) => cellDictionaryColumns.map((c) => entry[c.field]));
}
