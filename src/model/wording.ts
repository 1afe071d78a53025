/**
 * The wording every problem message shares (docs/problems.md): English
 * sentences, Chinese only as labels quoted as the report prints them.
 * One place for it, so that a table or a label reads the same in every
 * message whoever made the problem.
 */

/** A label of the report as printed, quoted: 「总计」. */
export function quote(label: string): string {
  // A label wrapped onto several lines of a narrow cell is one label: Chinese joins its lines without a space.
  // (Split and trimmed, not /\s*\n\s*/: that pattern is quadratic in a run of spaces.)
  const joined = label.trim().split('\n').map((line) => line.trim()).join('');
  return `「${joined.replace(/\s+/g, ' ')}」`;
}

/** A cell's text as printed, its lines kept apart (「12 / 3」): joined, two numbers would read as one. */
export function quoteText(text: string): string {
  const lines = text.trim().split('\n').map((line) => line.trim());
  // Blank lines between two lines of text are no line of their own (as one /\s*\n\s*/ separator read them).
  return `「${lines.filter((line, i) => line !== '' || i === 0).join(' / ')}」`;
}

/** How many items a message names before it says how many more there are. */
export const namedInMessages = 10;

/**
 * A list in a message: at most `max` items named, then how many more (「「1」, 「1」, … and 19,990 more」).
 * The input decides how long a list is (a row of 20,000 cells, 300,000 differing keys); a message
 * says what is wrong and stays short, while the problem's `cells` keep every key. `name` is called
 * for the named items only.
 */
export function listed<T>(items: readonly T[], name: (item: T) => string, options: { max?: number; separator?: string } = {}): string {
  const { max = namedInMessages, separator = ', ' } = options;
  const named = items.slice(0, max).map(name).join(separator);
  return items.length > max ? `${named}${separator}… and ${items.length - max} more` : named;
}

/** The standard tables by the number the format gives them and the title it prints. */
export const tableTitles = {
  t2: `Table 2 ${quote('主动公开政府信息情况')}`,
  t3: `Table 3 ${quote('收到和处理政府信息公开申请情况')}`,
  t4: `Table 4 ${quote('政府信息公开行政复议、行政诉讼情况')}`,
} as const;

/** The short name of a standard table, for messages that name a row or a column in it. */
export const tableShortNames = { t2: 'Table 2', t3: 'Table 3', t4: 'Table 4' } as const;

/** 1 cell, 3 cells. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
