/**
 * Reading the cells of a scanned table. What a cell holds is first judged
 * from its ink: lines no taller than a digit are a number (read with the
 * number alphabet only), anything else is text (read as Chinese; a text
 * read that looks like a number is read as a number too). A number is read
 * twice, from two renderings, and a third time when the two disagree, so
 * that its confidence says whether independent reads agree rather than what
 * the engine claims. A number wrapped onto a second line by a narrow column
 * is put back on one line before it is read: lines the cell broke by the
 * PDF text reader's rule (tables.ts), when they are digit-high or their text
 * read is pieces of a number.
 */
import type { Box } from '../pdf/geometry.js';
import type { Crop, OcrEngine, Recognized } from './engine.js';
import type { Gray, InkLine } from './image.js';
import { crop, inkLines, sideBySide } from './image.js';
import { ocrSettings, px } from './settings.js';
import { fullLines, numberPiece, numberPieces } from '../pdf/tables.js';
import { maxOf, minOf } from '../../src/arrays.js';

export interface CellRead {
  /** The ink's box in the image (the whole cell's ink, every line). */
  box: Box;
  text: string;
  confidence: number;
  /** Other readings of a number that some read gave, most supported first: what the cell could be instead. */
  alternatives?: string[];
}

/**
 * Which text reads are read again as numbers: short, with a digit and no
 * CJK character (a digit misread as a letter, D7 for 57, still qualifies),
 * up to three characters without CJK (a lone digit read as i, a dash), or a
 * single character of any kind.
 */
export const numberLike = (text: string) => {
  const t = text.replace(/\s+/g, '');
  // 十 is the plus sign of a signed change (+3) read as a character.
  const cjk = /[\u3400-\u5340\u5342-\u9fff]/;
  // A lone character (a digit under a seal read as 和) is read as a number too; the reads then disagree and say so.
  return (t.length <= 12 && /\d/.test(t) && !cjk.test(t)) || (t.length <= 3 && !cjk.test(t)) || t.length === 1;
};

/** What a number read would be if the text read was right: the characters tesseract confuses with digits, and separators. */
const asDigits = (t: string) =>
  t.replace(/\s+/g, '').replace(/[Oo]/g, '0').replace(/[IlL|]/g, '1').replace(/[Ss]/g, '5').replace(/B/g, '8').replace(/[，]/g, ',').replace(/[。]/g, '.').replace(/—/g, '-').replace(/十/g, '+');

interface Plan {
  box: Box;
  lines: InkLine[];
  /** The ink to read as a number: one line, or a wrapped number's lines put side by side. */
  number?: Gray;
  /** Lines the cell broke (the PDF reader's rule, `fullLines`), put side by side: one number if their reads are pieces of one. */
  joined?: Gray;
}

/**
 * Whether the cell broke these lines: the PDF text reader's rule on their
 * ink (each line but the last as wide as the cell lets it be; the next
 * digit, `wrapSlackShare` wide, did not fit). Whether they are pieces of a
 * number is for their reads to say.
 */
export function brokenByCell(lines: InkLine[], cell: Box): boolean {
  const spans = lines.map((l) => ({ x0: l.x0, x1: l.x1, slack: px(ocrSettings.wrapSlackShare) }));
  return lines.length <= ocrSettings.maxWrappedLines && fullLines(spans, [cell[0], cell[2]], ocrSettings.glyphHeight);
}

function plan(image: Gray, cell: Box, inkBox: Box, threshold: number): Plan {
  // Specks above or below the text are no line of their own; nor is a sliver of the cell's rule left at
  // its side (a hairline 「|」 under 134), which would make a number two lines.
  const sliver = (l: InkLine) => l.x1 - l.x0 <= px(ocrSettings.ruleSliverShare) && (l.x0 <= cell[0] + 1 || l.x1 >= cell[2] - 1);
  const lines = inkLines(image, inkBox, threshold, px(ocrSettings.lineGapShare)).filter(
    (l) => (l.y1 - l.y0 >= px(ocrSettings.minLineHeightShare) || l.x1 - l.x0 >= px(ocrSettings.minLineWidthShare)) && !sliver(l),
  );
  const ink: Box = lines.length > 0 ? [minOf(lines.map((l) => l.x0)), minOf(lines.map((l) => l.y0)), maxOf(lines.map((l) => l.x1)), maxOf(lines.map((l) => l.y1))] : inkBox;
  const digitHigh = (l: InkLine) => l.y1 - l.y0 <= ocrSettings.digitLineShare * ocrSettings.glyphHeight;
  if (lines.length === 1) return digitHigh(lines[0]!) ? { box: ink, lines, number: crop(image, ink, 0) } : { box: ink, lines };
  if (!brokenByCell(lines, cell)) return { box: ink, lines };
  const joined = sideBySide(image, lines.map((l) => [l.x0, l.y0, l.x1, l.y1] as Box), px(ocrSettings.digitGapShare));
  // Lines of digits, some with a separator's tail below them, are read as a number at once; others only
  // when their text read shows pieces of one.
  // (A line lower than a digit, the remnant of a rule across the cell, is no piece.)
  const piece = (l: InkLine) =>
    l.y1 - l.y0 >= px(ocrSettings.minPieceLineShare) &&
    (digitHigh(l) || (l.y1 - l.y0 <= ocrSettings.numberPieceLineShare * ocrSettings.glyphHeight && tailWidth(image, l, threshold) <= px(ocrSettings.separatorTailShare)));
  return lines.every(piece) ? { box: ink, lines, number: joined, joined } : { box: ink, lines, joined };
}

/** How many columns of a line have ink below digit height: the tails of its commas and periods, or the bottoms of taller characters. */
function tailWidth(image: Gray, line: InkLine, threshold: number): number {
  const from = line.y0 + Math.ceil(ocrSettings.digitLineShare * ocrSettings.glyphHeight);
  let columns = 0;
  for (let x = line.x0; x < line.x1; x++) {
    for (let y = from; y < line.y1; y++) {
      if (image.data[y * image.width + x]! <= threshold) {
        columns++;
        break;
      }
    }
  }
  return columns;
}

/** The lines of a text read, without spaces and with the characters tesseract confuses with digits made digits. */
const readLines = (text: string) => text.split('\n').map(asDigits).filter((t) => t !== '');

/**
 * A number crop scaled so its ink is `height` pixels high, with a margin.
 * The resolution told to the engine is the same for every crop of a pass
 * (one engine call per pass): that of digits `height` pixels high.
 */
function numberCrop(ink: Gray, height: number): Crop {
  const scale = Math.min(4, Math.max(0.5, height / Math.max(1, ink.height)));
  return { image: crop(ink, [0, 0, ink.width, ink.height], 20, scale), dpi: Math.round((ocrSettings.dpi * height) / ocrSettings.digitHeight), kind: 'number' };
}

const clean = (r: Recognized | undefined) => (r?.text ?? '').replace(/\s+/g, '');
const engineConfidence = (r: Recognized) => (r.charConfidence.length > 0 ? minOf(r.charConfidence) : 0);

/**
 * The reading of a number cell from its reads: the one most reads agree on
 * (the first on a tie). Its confidence is the engine's, capped by the share
 * of reads that found something and agree; a reading no other read
 * confirmed stays below LOW_CONFIDENCE.
 */
export function vote(reads: Recognized[]): { text: string; confidence: number; alternatives: string[] } {
  const texts = reads.map(clean);
  const found = texts.filter((t) => t !== '');
  if (found.length === 0) return { text: '', confidence: 0, alternatives: [] };
  const support = (t: string) => found.filter((x) => x === t).length;
  const ranked = [...new Set(found)].sort((a, b) => support(b) - support(a) || texts.indexOf(a) - texts.indexOf(b));
  const best = ranked[0]!;
  const engine = minOf(reads.filter((_, i) => texts[i] === best).map(engineConfidence));
  const agreeing = support(best);
  const confidence = agreeing === 1 ? Math.min(engine, ocrSettings.disagreementConfidence) : engine * (agreeing / found.length);
  return { text: best, confidence: Math.min(ocrSettings.maxConfidence, confidence), alternatives: ranked.slice(1) };
}

/**
 * Reads every cell: `cells` are the cells' inner boxes (inside their
 * rules), `inks` the box of the ink in each. Engine calls are batched: one
 * per pass over all cells of the page.
 */
export async function readCells(image: Gray, cells: Box[], inks: Box[], threshold: number, engine: OcrEngine): Promise<CellRead[]> {
  const plans = cells.map((cell, i) => plan(image, cell, inks[i]!, threshold));
  const numberAt = plans.map((p, i) => (p.number ? i : -1)).filter((i) => i >= 0);
  // First read of every number-shaped cell.
  const first = await engine.recognize(numberAt.map((i) => numberCrop(plans[i]!.number!, ocrSettings.digitHeight)));
  const firstOf = new Map(numberAt.map((i, k) => [i, first[k]!]));
  // Text: every cell that is not number-shaped, and number-shaped ones whose read found nothing sure (a CJK cell misjudged).
  const textAt = plans.map((p, i) => (!p.number || engineConfidence(firstOf.get(i) ?? { text: '', charConfidence: [] }) < 0.5 ? i : -1)).filter((i) => i >= 0);
  const textReads = await engine.recognize(textAt.map((i) => ({ image: crop(image, plans[i]!.box), dpi: ocrSettings.dpi, kind: 'text' as const })));
  const textOf = new Map(textAt.map((i, k) => [i, textReads[k]!]));
  // Text reads that look like numbers join the number reads (first read now), and so do lines the cell
  // broke whose text read is pieces of a number, one line each (「2,74」 over 「8」, the comma's tail too
  // low for digit-high ink). Several lines that are no wrapped number (two values in one cell) stay
  // text, and unreadable.
  const piecesRead = (i: number) => {
    const lines = readLines(textOf.get(i)!.text);
    return !!plans[i]!.joined && lines.length === plans[i]!.lines.length && numberPieces(lines);
  };
  const lateAt = textAt.filter((i) => !firstOf.has(i) && ((plans[i]!.lines.length <= 1 && numberLike(textOf.get(i)!.text)) || piecesRead(i)));
  const joinedAt = new Set(lateAt.filter(piecesRead));
  const inkOf = (i: number) => plans[i]!.number ?? (joinedAt.has(i) ? plans[i]!.joined! : crop(image, plans[i]!.box, 0));
  const late = await engine.recognize(lateAt.map((i) => numberCrop(inkOf(i), ocrSettings.digitHeight)));
  lateAt.forEach((i, k) => firstOf.set(i, late[k]!));
  // A number is taken as such when its text read (if any) does not say it is text, or says so without
  // conviction about digit-high ink (digits the Chinese model made into 国 or 区有: the reads disagree and
  // say so). Short Chinese labels can be digit-high too; the Chinese model reads those with conviction.
  const numbers = [...firstOf.keys()].filter((i) => {
    const text = textOf.get(i);
    return !text || numberLike(text.text) || text.text.trim() === '' || joinedAt.has(i) || (!!plans[i]!.number && engineConfidence(text) < 0.5);
  });
  // Second read, from a larger rendering: independent enough that agreement means something.
  const second = await engine.recognize(numbers.map((i) => numberCrop(inkOf(i), ocrSettings.digitHeight * 1.5)));
  const secondOf = new Map(numbers.map((i, k) => [i, second[k]!]));
  // Third read where the two disagree: a smaller rendering.
  const disputed = numbers.filter((i) => clean(firstOf.get(i)) !== clean(secondOf.get(i)));
  const third = await engine.recognize(disputed.map((i) => numberCrop(inkOf(i), ocrSettings.digitHeight * 0.75)));
  const thirdOf = new Map(disputed.map((i, k) => [i, third[k]!]));

  const dump = process.env['GOVREPORT_OCR_DUMP'];
  if (dump) {
    // Debugging aid: the ink of number cells that no read could make out.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { toPng } = await import('./image.js');
    mkdirSync(dump, { recursive: true });
    for (const i of numbers) if (vote([firstOf.get(i)!, secondOf.get(i)!]).text === '') writeFileSync(`${dump}/cell-${Date.now()}-${i}.png`, toPng(numberCrop(inkOf(i), ocrSettings.digitHeight).image));
  }
  const numberSet = new Set(numbers);
  return plans.map((p, i): CellRead => {
    if (numberSet.has(i)) {
      const reads = [firstOf.get(i)!, secondOf.get(i)!, ...(thirdOf.has(i) ? [thirdOf.get(i)!] : [])];
      const result = vote(reads);
      const text = textOf.get(i);
      if (result.text === '') {
        // What the free-text read saw stays, in doubt: a cell with ink is never made blank.
        return { box: p.box, text: text?.text ?? '', confidence: 0 };
      }
      // The free-text read is one more read: where it saw something, it must agree. Lines put side by
      // side are one number only if what was read is digits and separators (the pieces the text read
      // shows are checked above; digit-high ones are read with the number alphabet, which has more).
      const agrees = (!text || text.text.trim() === '' || asDigits(text.text) === result.text) && (!p.joined || numberPiece.test(result.text));
      return {
        box: p.box,
        text: result.text,
        confidence: agrees ? result.confidence : Math.min(result.confidence, ocrSettings.disagreementConfidence),
        ...(result.alternatives.length > 0 ? { alternatives: result.alternatives } : {}),
      };
    }
    const read = textOf.get(i)!;
    const conf = read.charConfidence.filter((_, k) => !/\s/.test(read.text[k] ?? ''));
    return { box: p.box, text: read.text, confidence: Math.min(ocrSettings.maxConfidence, conf.length > 0 ? minOf(conf) : 0) };
  });
}
