/**
 * One CSV field, the one rule for every CSV the project writes: the export
 * (csv-writer.ts), the cell dictionary and the compare page's download (its
 * browser script gets this very function's source, page/assets.ts). It must
 * therefore stay self-contained: no imports, no names from outside its body.
 */

/**
 * A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a
 * quote, comma or line break, or a semicolon (Excel in locales whose list
 * separator is ";" would split the field there, and a part could begin with
 * "="). Text that a spreadsheet would run as a formula (it begins with
 * = + - @, a tab or a carriage return: a title 「=HYPERLINK(…)」) gets a
 * leading apostrophe (OWASP's rule for CSV injection); numbers stay numbers.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
