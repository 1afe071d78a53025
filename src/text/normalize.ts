/**
 * Text normalisation for label matching. Real reports write the same label
 * with full-width or ASCII punctuation, spaces and line breaks inside it,
 * 1. or 1、 numbering, curly or straight quotes, and sometimes in traditional
 * characters (mirror sites, format.md §7.15); labelKey() maps all of them to
 * one key. Section text and titles keep their original form.
 */
import { Converter } from 'opencc-js/t2cn';

let toSimplified: ((text: string) => string) | undefined;

/** Traditional → simplified Chinese with OpenCC's maintained dictionaries. */
export function simplify(text: string): string {
  const convert = (toSimplified ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/** Whitespace of every kind, including the ideographic space and NBSP. */
const whitespace = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Pinyin glosses some mirror sites insert after characters, e.g. 國務(wù)院 (format.md §7.15). */
const pinyinGloss = /\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/g;

/** Full-width ASCII, normalised ideographic punctuation, no whitespace; meaning kept. */
export function normalizeText(text: string): string {
  const t = text.normalize('NFKC');
  // OpenCC costs about 1 µs per label, so every text goes through it.
  return simplify(t).replace(pinyinGloss, '').replace(whitespace, '');
}

/** Leading numbering: 一、 二． （三） (3) 1. 1、 1． and combinations such as 三、（一）. */
const leadingNumbering = /^(?:[一二三四五六七八九十]+[、.,，]|\([一二三四五六七八九十]+\)|\d{1,2}(?:[.、,，](?!\d)|\))|\(\d{1,2}\))+/;

/** Punctuation that carries no meaning for matching. */
const punctuation = /[、，,。.:：;；“”"'‘’「」『』《》<>\-—_·…!！?？]/g;

/**
 * The key a label is matched by: normalised, leading numbering stripped,
 * punctuation removed. Parentheses inside the label are kept as ASCII.
 */
export function labelKey(text: string): string {
  return normalizeText(text).replace(ocrBrackets, '').replace(leadingNumbering, '').replace(punctuation, '');
}

/**
 * Brackets around a leading numeral as OCR misreads them: 《六) 〈一) (三》 for （六） （一） （三）, and
 * the numeral itself misread (〈X) for （六））: any one or two characters in brackets open an item.
 */
const ocrBrackets = /^[(《〈<«]([一二三四五六七八九十]+|[^()（）《》〈〉<>«»]{1,2})[)》〉>»]/;

/** True when the text contains at least one CJK ideograph or Latin letter, i.e. it is a label, not a value. */
export function hasWords(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaffA-Za-z]/.test(text);
}
