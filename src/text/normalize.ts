/**
 * Text normalisation for label matching. Real reports write the same label
 * with full-width or ASCII punctuation, spaces and line breaks inside it,
 * 1. or 1、 numbering, curly or straight quotes, and sometimes in traditional
 * characters (mirror sites, format.md §7.15); labelKey() maps all of them to
 * one key. Section text and titles keep their printed form, in canonical
 * code points (canonicalText): the one normaliser every reader's text goes
 * through before the mapper sees it.
 */
import { Converter } from 'opencc-js/t2cn';

let toSimplified: ((text: string) => string) | undefined;

/** Traditional → simplified Chinese with OpenCC's maintained dictionaries. */
export function simplify(text: string): string {
  const convert = (toSimplified ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * CJK Radicals Supplement characters that print as a whole ideograph (Unicode's
 * EquivalentUnifiedIdeograph.txt for these code points). PDF producers such as
 * Chromium/Skia map a font's shared glyph to the radical: 「云岭市人⺠政府」.
 * NFKC maps only ⺟ and ⻳ of this block; component forms (⺅ ⺡ …) never stand
 * alone in text and are left as they are.
 */
const radicalIdeographs: Readonly<Record<string, string>> = {
  '⺒': '巳', '⺓': '幺', '⺜': '日', '⺝': '月', '⺟': '母', '⺠': '民', '⺩': '王', '⺬': '示',
  '⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻑': '長', '⻓': '长',
  '⻔': '门', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
  '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄',
  '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜',
  '⻲': '亀', '⻳': '龟',
};

/**
 * Characters canonicalText changes: radicals (supplement and Kangxi), CJK
 * compatibility ideographs, full-width digits, and invisible ones: format
 * characters (zero-width space, direction marks, BOM, soft hyphen) and control
 * characters other than tab, line breaks and form feed (a page break in pdftotext output).
 */
const changed = /[\u2e80-\u2fdf\uf900-\ufaff\uff10-\uff19\u0000-\u0008\u000e-\u001f\u007f-\u009f\p{Cf}]/u;
const invisible = /^[\u0000-\u0008\u000e-\u001f\u007f-\u009f\p{Cf}]$/u;

function canonicalChar(ch: string): string {
  if (invisible.test(ch)) return '';
  const code = ch.codePointAt(0)!;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
  if (code >= 0x2f00 && code <= 0x2fdf) return ch.normalize('NFKC'); // Kangxi radicals: all map to ideographs
  if (code >= 0xf900 && code <= 0xfaff) return ch.normalize('NFC'); // compatibility ideographs: canonical equivalents
  return radicalIdeographs[ch] ?? ch;
}

/** Text in canonical code points, and for each UTF-16 unit of it the index of the unit of the input it came from. */
export interface CanonicalText {
  text: string;
  origin: number[];
}

/**
 * The text as printed, in the code points a search expects: radicals that print as
 * ideographs become those ideographs (⼈⺠ → 人民), full-width digits ASCII (１２ → 12),
 * invisible characters go (a zero-width space inside 11\u200b00 is no gap: the page
 * shows 1100). Punctuation, width of letters, spaces and traditional characters
 * stay as printed.
 */
export function canonicalize(text: string): CanonicalText {
  const origin: number[] = [];
  if (!changed.test(text)) {
    for (let i = 0; i < text.length; i++) origin.push(i);
    return { text, origin };
  }
  let out = '';
  let at = 0;
  for (const ch of text) {
    const mapped = canonicalChar(ch);
    for (let k = 0; k < mapped.length; k++) origin.push(at);
    out += mapped;
    at += ch.length;
  }
  return { text: out, origin };
}

export function canonicalText(text: string): string {
  return changed.test(text) ? canonicalize(text).text : text;
}

/** Whitespace of every kind, including the ideographic space and NBSP. */
const whitespace = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Pinyin glosses some mirror sites insert after characters, e.g. 國務(wù)院 (format.md §7.15). */
const pinyinGloss = /\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/g;

/** Full-width ASCII, normalised ideographic punctuation, no whitespace; meaning kept. */
export function normalizeText(text: string): string {
  const t = canonicalText(text).normalize('NFKC');
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

/** A CJK ideograph (the unified block and extension A). */
export const hanIdeograph = /[\u3400-\u9fff]/;

/** True when the text contains at least one CJK ideograph or Latin letter, i.e. it is a label, not a value. */
export function hasWords(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaffA-Za-z]/.test(text);
}
