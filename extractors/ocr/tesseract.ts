/**
 * Tesseract (Debian's tesseract-ocr with chi_sim) as an OcrEngine. The crops
 * of a page go to one tesseract process as an image list, so the language
 * model loads once per batch; one thread per process (OMP_THREAD_LIMIT=1),
 * which stack.md measured faster than its default OpenMP threads, since the
 * worker pool already keeps every core busy. Number cells are read with the
 * alphabet restricted to what a number cell can hold.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
    if (crops.length === 0) return results;
    const dir = await mkdtemp(join(tmpdir(), 'govreport-ocr-'));
    try {
      for (const kind of ['text', 'number'] as const) {
        const indices = crops.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
        if (indices.length === 0) continue;
        const files = await Promise.all(
          indices.map(async (i) => {
            const file = join(dir, `${kind}-${i}.png`);
            await writeFile(file, crops[i]!.png);
            return file;
          }),
        );
        const list = join(dir, `${kind}.txt`);
        await writeFile(list, `${files.join('\n')}\n`);
        const args =
          kind === 'number'
            ? [list, 'stdout', '--dpi', String(crops[indices[0]!]!.dpi), '-l', 'eng', '--psm', '7', '-c', `tessedit_char_whitelist=${numberAlphabet}`, 'tsv']
            : [list, 'stdout', '--dpi', String(crops[indices[0]!]!.dpi), '-l', 'chi_sim+eng', '--psm', '6', 'tsv'];
        const { stdout } = await run(this.binary, args, {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 120_000,
        });
        parseTsv(stdout).forEach((recognized, page) => {
          const index = indices[page];
          if (index !== undefined) results[index] = recognized;
        });
      }
      return results;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
