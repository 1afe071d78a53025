/**
 * Tesseract (Debian's tesseract-ocr with chi_sim) as an OcrEngine. The crops
 * of a page go to one tesseract process as an image list, so the language
 * model loads once per batch; one thread per process (OMP_THREAD_LIMIT=1),
 * which stack.md measured faster than its default OpenMP threads, since the
 * worker pool already keeps every core busy.
 *
 * Number cells are read with the alphabet restricted to what a number cell
 * can hold, and three times (as a line; as a word; doubled in size):
 * tesseract's reading of a lone digit flips between "0", "10" and nothing
 * from one rendering to the next, so the answer is the one the reads agree
 * on, and its confidence says whether they did.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Crop, OcrEngine, PageWord, Recognized } from './engine.js';

const run = promisify(execFile);

/** What a number cell can hold: digits, separators, signs, dashes, and the units some reports print. */
const numberAlphabet = '0123456789,.+-/';

const cjk = /[\u3000-\u9fff\uff00-\uffef]/;

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract';

  constructor(private readonly binary = process.env['GOVREPORT_TESSERACT'] ?? 'tesseract') {}

  async unavailable(): Promise<string | null> {
    try {
      const { stdout, stderr } = await run(this.binary, ['--list-langs'], { timeout: 10_000 });
      const langs = `${stdout}\n${stderr}`;
      return /\bchi_sim\b/.test(langs) && /\beng\b/.test(langs)
        ? null
        : 'tesseract has no chi_sim/eng language data; install it with: apt-get install tesseract-ocr-chi-sim';
    } catch {
      return 'OCR needs tesseract; install it with: apt-get install tesseract-ocr tesseract-ocr-chi-sim';
    }
  }

  async recognize(crops: Crop[]): Promise<Recognized[]> {
    const results: Recognized[] = crops.map(() => ({ text: '', charConfidence: [] }));
    const dir = await mkdtemp(join(tmpdir(), 'govreport-ocr-'));
    try {
      const text = crops.map((c, i) => (c.kind === 'text' ? i : -1)).filter((i) => i >= 0);
      const numbers = crops.map((c, i) => (c.kind === 'number' ? i : -1)).filter((i) => i >= 0);
      const textReads = await this.batch(dir, 'text', text.map((i) => crops[i]!.png), crops[text[0]!]?.dpi ?? 300, ['-l', 'chi_sim+eng', '--psm', '6']);
      text.forEach((i, k) => (results[i] = textReads[k]!));
      if (numbers.length > 0) {
        const dpi = crops[numbers[0]!]!.dpi;
        const pngs = numbers.map((i) => crops[i]!.png);
        const doubled = await Promise.all(pngs.map((png) => scaled(png, 2)));
        const digits = ['-l', 'eng', '-c', `tessedit_char_whitelist=${numberAlphabet}`];
        const reads = [
          await this.batch(dir, 'n1', pngs, dpi, [...digits, '--psm', '7']),
          await this.batch(dir, 'n2', pngs, dpi, [...digits, '--psm', '8']),
          await this.batch(dir, 'n3', doubled, dpi * 2, [...digits, '--psm', '7']),
        ];
        numbers.forEach((i, k) => (results[i] = vote(reads.map((r) => r[k]!))));
      }
      return results;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** One tesseract process over a list of images; one result per image. */
  private async batch(dir: string, name: string, pngs: Uint8Array[], dpi: number, options: string[]): Promise<Recognized[]> {
    if (pngs.length === 0) return [];
    const files = await Promise.all(
      pngs.map(async (png, i) => {
        const file = join(dir, `${name}-${i}.png`);
        await writeFile(file, png);
        return file;
      }),
    );
    const list = join(dir, `${name}.txt`);
    await writeFile(list, `${files.join('\n')}\n`);
    const { stdout } = await run(this.binary, [list, 'stdout', '--dpi', String(dpi), ...options, 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    const parsed = parseTsv(stdout);
    return pngs.map((_, i) => parsed[i] ?? { text: '', charConfidence: [] });
  }

  async readPage(page: Crop): Promise<PageWord[]> {
    const dir = await mkdtemp(join(tmpdir(), 'govreport-ocr-'));
    try {
      const file = join(dir, 'page.png');
      await writeFile(file, page.png);
      const { stdout } = await run(this.binary, [file, 'stdout', '--dpi', String(page.dpi), '-l', 'chi_sim+eng', '--psm', '3', 'tsv'], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      });
      const words: PageWord[] = [];
      for (const line of stdout.split('\n').slice(1)) {
        const cols = line.split('\t');
        if (cols.length < 12 || cols[0] !== '5' || cols[11]!.trim() === '') continue;
        const [left, top, width, height] = cols.slice(6, 10).map(Number) as [number, number, number, number];
        words.push({ text: cols[11]!.trim(), box: [left, top, left + width, top + height], confidence: Math.max(0, Number(cols[10])) / 100 });
      }
      return words;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {}
}

/** An image scaled by `factor` (smooth), as PNG. */
async function scaled(png: Uint8Array, factor: number): Promise<Uint8Array> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width * factor, image.height * factor);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, image.width * factor, image.height * factor);
  return canvas.toBuffer('image/png');
}

/** A reading no second read confirmed stays below this, whatever the engine claimed. */
export const unconfirmedConfidence = 0.85;

/**
 * The reading of a number cell from its reads: the first read (the crop as
 * a line) unless it found nothing, or stands alone against two that agree.
 * Reads that found nothing do not count against it; reads that found
 * something else do. A reading no other read confirmed is capped at
 * `unconfirmedConfidence`; one contradicted is scaled down by the share of
 * reads against it.
 */
export function vote(reads: Recognized[]): Recognized {
  const texts = reads.map((r) => r.text.replace(/\s+/g, ''));
  const agreeing = (t: string) => texts.filter((x) => x === t).length;
  const others = texts.slice(1).filter((t) => t !== '');
  let best = texts[0] ?? '';
  if (best === '' || (agreeing(best) === 1 && others.length >= 2 && others.every((t) => t === others[0]))) {
    best = others.sort((a, b) => agreeing(b) - agreeing(a))[0] ?? '';
  }
  if (best === '') return { text: '', charConfidence: [] };
  const found = texts.filter((t) => t !== '').length;
  const engine = Math.min(...reads.filter((_, i) => texts[i] === best).flatMap((r) => r.charConfidence));
  const confidence = agreeing(best) === 1 ? Math.min(engine, unconfirmedConfidence) * (found === 1 ? 1 : 1 / found) : engine * (agreeing(best) / found);
  return { text: best, charConfidence: Array.from(best, () => confidence) };
}

/** Tesseract's TSV → one result per image (page_num), words joined by line; CJK runs joined without spaces. */
export function parseTsv(tsv: string): Recognized[] {
  const pages: Array<Map<string, Array<{ text: string; conf: number }>>> = [];
  for (const line of tsv.split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const page = Number(cols[1]) - 1;
    const text = cols[11]!.trim();
    if (text === '') continue;
    const key = `${cols[2]}.${cols[3]}.${cols[4]}`;
    pages[page] ??= new Map();
    const words = pages[page]!.get(key) ?? [];
    words.push({ text, conf: Math.max(0, Number(cols[10])) / 100 });
    pages[page]!.set(key, words);
  }
  return Array.from({ length: pages.length }, (_, i) => {
    const lines = [...(pages[i]?.values() ?? [])];
    let text = '';
    const charConfidence: number[] = [];
    lines.forEach((words, l) => {
      if (l > 0) {
        text += '\n';
        charConfidence.push(1);
      }
      words.forEach((w, k) => {
        if (k > 0 && !(cjk.test(words[k - 1]!.text.slice(-1)) || cjk.test(w.text[0]!))) {
          text += ' ';
          charConfidence.push(1);
        }
        text += w.text;
        charConfidence.push(...Array.from(w.text, () => w.conf));
      });
    });
    return { text, charConfidence };
  });
}
