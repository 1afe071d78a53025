/**
 * The wording every problem message shares (docs/problems.md): English
 * sentences, Chinese only as labels quoted as the report prints them.
 * One place for it, so that a table or a label reads the same in every
 * message whoever made the problem.
 */

/** A label of the report as printed, quoted: 「总计」. */
export function quote(label: string): string {
  // A label wrapped onto several lines of a narrow cell is one label: Chinese joins its lines without a space.
  return `「${label.trim().replace(/\s*\n\s*/g, '').replace(/\s+/g, ' ')}」`;
}

/** A cell's text as printed, its lines kept apart (「12 / 3」): joined, two numbers would read as one. */
export function quoteText(text: string): string {
  return `「${text.trim().split(/\s*\n\s*/).join(' / ')}」`;
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
