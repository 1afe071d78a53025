/**
 * Word's generated numbering (一、 （一） 1. …): the text Word shows in
 * front of a numbered paragraph is not in the document, it is computed from
 * numbering.xml. Section headings are often numbered this way, so the reader
 * computes it: per list instance (w:num) and level, counters that restart
 * when a higher level moves on, formatted by the level's numFmt and lvlText.
 */
import type { XmlElement } from './xml.js';
import { attr, child, children } from './xml.js';

interface Level {
  format: string;
  text: string;
  start: number;
}

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (numbers up to 99 are what reports use). */
export function chineseCounting(n: number): string {
  if (n < 10) return chineseDigits[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : chineseDigits[tens]}十${ones === 0 ? '' : chineseDigits[ones]}`;
  }
  return String(n);
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export class Numbering {
  private readonly levels = new Map<string, Map<number, Level>>();
  private readonly counters = new Map<string, number[]>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    const abstract = new Map<string, Map<number, Level>>();
    for (const a of children(root, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const lvl of children(a, 'lvl')) levels.set(Number(attr(lvl, 'ilvl') ?? 0), readLevel(lvl));
      abstract.set(attr(a, 'abstractNumId') ?? '', levels);
    }
    for (const num of children(root, 'num')) {
      const base = abstract.get(attr(child(num, 'abstractNumId'), 'val') ?? '') ?? new Map<number, Level>();
      const levels = new Map(base);
      for (const override of children(num, 'lvlOverride')) {
        const ilvl = Number(attr(override, 'ilvl') ?? 0);
        const lvl = child(override, 'lvl');
        const start = attr(child(override, 'startOverride'), 'val');
        const level = lvl ? readLevel(lvl) : levels.get(ilvl);
        if (level) levels.set(ilvl, start !== undefined ? { ...level, start: Number(start) } : level);
      }
      this.levels.set(attr(num, 'numId') ?? '', levels);
    }
  }

  /** The text Word shows for the next paragraph of list `numId` at level `ilvl` (empty for bullets and unknown lists). */
  next(numId: string, ilvl: number): string {
    const levels = this.levels.get(numId);
    const level = levels?.get(ilvl);
    if (!levels || !level || numId === '0') return '';
    const counts = this.counters.get(numId) ?? [];
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    counts.length = ilvl + 1; // deeper levels restart
    this.counters.set(numId, counts);
    if (level.format === 'bullet') return '';
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const l = levels.get(i);
      return l ? formatNumber(counts[i] ?? l.start, i === ilvl ? level.format : l.format) : '';
    });
  }
}

function readLevel(lvl: XmlElement): Level {
  return {
    format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
    text: attr(child(lvl, 'lvlText'), 'val') ?? '',
    start: Number(attr(child(lvl, 'start'), 'val') ?? 1),
  };
}
