/**
 * Units printed after a number inside a value cell (format.md §7.14: `251000元`, `2笔`), by what they
 * measure. The value parser strips them (the cell keeps its raw text); the cell checks hold each against
 * what its cell measures: a count unit in a count, the money unit its column names in an amount.
 */

/** Counting words: every count cell may print any of them (件 of documents, 笔 of purchases, 个 of items …). */
export const countUnits = ['件', '个', '项', '笔', '宗', '次', '人次', '份', '条'] as const;

/** Money units: an amount cell's value is in the unit it prints, never converted. */
export const moneyUnits = ['元', '万元', '亿元'] as const;

export type CountUnit = (typeof countUnits)[number];
export type MoneyUnit = (typeof moneyUnits)[number];
export type Unit = CountUnit | MoneyUnit;
