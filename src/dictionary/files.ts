/**
 * The cell dictionary as the files shipped in schema/ (cells.csv, cells.json)
 * and beside a CSV export: the text is made here once, so the committed
 * files, the export and the test that compares them agree byte for byte.
 */
import { csvField } from '../export/csv-field.js';
import { cellDictionary, cellDictionaryColumns } from './cells.js';

/** UTF-8 with BOM and CRLF, as the CSV export: Excel reads the Chinese right. Lists are separated by spaces. */
export function cellDictionaryCsv(): string {
  const lines = [cellDictionaryColumns.map((c) => csvField(c.name)).join(',')];
  for (const entry of cellDictionary()) {
    lines.push(
      cellDictionaryColumns
        .map((c) => {
          const value = entry[c.field];
          return csvField(Array.isArray(value) ? value.join(' ') : value);
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function cellDictionaryJson(): string {
  return `${JSON.stringify(cellDictionary(), null, 2)}\n`;
}
