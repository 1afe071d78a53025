/**
 * One CSV field, the one rule for every CSV the project writes: the export
 * (csv-writer.ts), the cell dictionary and the compare page's download (its
 * browser script gets this very function's source, page/assets.ts). It must
 * therefore stay self-contained: no imports, no names from outside its body.
 */

/**
 * A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a
 * quote, comma, semicolon or line break. Excel in locales whose list
 * separator is 「;」 splits a line at every 「;」 and does not honour quotes
 * that open mid-line, so each 「;」-separated piece of a text can begin a cell:
 * a piece that a spreadsheet would run as a formula (it begins with = + - @,
 * a tab or a carriage return: a title 「=HYPERLINK(…)」, 「x;=1+1」) gets a
 * leading apostrophe (OWASP's rule for CSV injection); numbers stay numbers.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
          .split(';')
          .map((piece) => (/^[=+\-@\t\r]/.test(piece) ? `'${piece}` : piece))
          .join(';')
      : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
