/**
 * Tesseract (Debian's tesseract-ocr with chi_sim) as an OcrEngine. The crops
 * of a page go to one tesseract process as an image list, so the language
 * model loads once per batch; one thread per process (OMP_THREAD_LIMIT=1),
 * which stack.md measured faster than its default OpenMP threads, since the
 * worker pool already keeps every core busy.
 *
 * Number cells are read as one line with the alphabet restricted to what a
 * number cell can hold; how often and from which renderings is the
 * reader's choice (cells.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Crop, OcrEngine, PageWord, Recognized } from './engine.js';
import { EngineFailure, wordSeparator } from './engine.js';
import { toPgm } from './image.js';
import { append } from '../../src/arrays.js';
import { watchChild } from '../../src/cpu-clock.js';
import { limits } from '../../src/settings.js';

const run = promisify(execFile);

/** What a number cell can hold: digits, separators, signs, dashes, and the units some reports print. */
const numberAlphabet = '0123456789,.+-/';

/**
 * Tesseract retries a word it is unsure of on the inverted image (white on
 * black), which scanned reports never print: off, it reads a page's cells
 * about 10 % faster with the same results.
 */
const noInvert = ['-c', 'tessedit_do_invert=0'];
/** Cells of text: Chinese (its model reads digits and Latin too; adding eng costs a fifth more time), one block. */
const textOptions = ['-l', 'chi_sim', '--psm', '6', ...noInvert];
/** A list of crops reads in seconds of CPU; a whole page of running text may take this long. */
const listTimeoutMs = 120_000;
/** Running text of a page outside its tables: Chinese, with layout analysis. */
const pageOptions = ['-l', 'chi_sim', '--psm', '3', ...noInvert];
/** Number cells: one line, the number alphabet only. */
const numberOptions = ['-l', 'eng', '--psm', '7', '-c', `tessedit_char_whitelist=${numberAlphabet}`, ...noInvert];


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
    } catch (error) {
      // Killed while answering (a service stop): it is there, and saying "install it" would make the report wrong.
      if (typeof (error as { signal?: unknown }).signal === 'string') throw new EngineFailure(tesseractFailure(error, (error as { killed?: unknown }).killed === true ? 'gave no answer within 10 s' : undefined), { cause: error });
      return 'OCR needs tesseract; install it with: apt-get install tesseract-ocr tesseract-ocr-chi-sim';
    }
  }

  async recognize(crops: Crop[]): Promise<Recognized[]> {
    const results: Recognized[] = crops.map(() => ({ text: '', charConfidence: [] }));
    for (const kind of ['text', 'number'] as const) {
      const which = crops.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
      await this.byResolution(crops, which, kind, kind === 'text' ? textOptions : numberOptions, () => listTimeoutMs, (group, stdout) => {
        const parsed = parseTsv(stdout);
        group.forEach((i, k) => (results[i] = parsed[k] ?? { text: '', charConfidence: [] }));
      });
    }
    return results;
  }

  async readPages(pages: Crop[]): Promise<PageWord[][]> {
    const out: PageWord[][] = pages.map(() => []);
    const all = pages.map((_, i) => i);
    await this.byResolution(pages, all, 'pages', pageOptions, (n) => listTimeoutMs * n, (group, stdout) => {
      parsePageTsv(stdout).forEach((words, k) => {
        if (k < group.length) out[group[k]!] = words;
      });
    });
    return out;
  }

  /**
   * The images `which` of `crops` read by tesseract as image lists, one
   * process per resolution (tesseract takes one --dpi for a whole list);
   * `take` gets each group (indices into `crops`, in list order) and its TSV.
   */
  private async byResolution(
    crops: Crop[],
    which: number[],
    name: string,
    options: string[],
    timeoutMs: (images: number) => number,
    take: (group: number[], stdout: string) => void,
  ): Promise<void> {
    if (which.length === 0) return;
    const dir = await mkdtemp(join(tmpdir(), 'govreport-ocr-'));
    try {
      for (const dpi of new Set(which.map((i) => crops[i]!.dpi))) {
        const group = which.filter((i) => crops[i]!.dpi === dpi);
        const files = await Promise.all(
          group.map(async (i) => {
            const file = join(dir, `${name}-${dpi}-${i}.pgm`);
            await writeFile(file, toPgm(crops[i]!.image));
            return file;
          }),
        );
        const list = join(dir, `${name}-${dpi}.txt`);
        await writeFile(list, `${files.join('\n')}\n`);
        const timeout = timeoutMs(group.length);
        const call = run(this.binary, [list, 'stdout', '--dpi', String(dpi), ...options, 'tsv'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 64 * 1024 * 1024,
        });
        // Counted in tesseract's CPU time, never the wall clock: on a busy machine it waits for a core.
        const watch = watchChild(call.child, { cpuMs: timeout, stallMs: limits.workerStallMs });
        const { stdout } = await call
          .catch((error: unknown) => {
            // The images are ours, made from pages already decoded: whatever stops tesseract is not the file's doing.
            throw new EngineFailure(tesseractFailure(error, watch.reason()), { cause: error });
          })
          .finally(() => watch.stop());
        take(group, stdout);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {}
}

/** Why a tesseract run gave no answer, in one line: killed by a signal, out of time, could not start, or its exit code and first words on stderr. */
export function tesseractFailure(error: unknown, stopped: string | undefined): string {
  const e = error as { code?: unknown; signal?: unknown; killed?: unknown; stderr?: unknown; message?: unknown };
  if (stopped) return `tesseract ${stopped} and was stopped`;
  if (typeof e.signal === 'string') return `tesseract was killed by ${e.signal}`;
  if (typeof e.code === 'string') return `tesseract could not run (${e.code})`;
  const said = String(e.stderr ?? '').split('\n').find((line) => line.trim() !== '')?.trim();
  if (typeof e.code === 'number') return `tesseract ended with exit code ${e.code}${said ? `: ${said.slice(0, 200)}` : ''}`;
  return `tesseract failed: ${String(e.message ?? error).split('\n')[0]}`;
}

/**
 * Tesseract's TSV of whole pages → words per image (page_num), each as high
 * as its line: a lone 。 or 一 has a box a fraction of the line's height,
 * and would otherwise be taken for text of another size on a line of its own.
 */
export function parsePageTsv(tsv: string): PageWord[][] {
  const pages: PageWord[][] = [];
  const lines = new Map<string, [number, number]>();
  const lineNumbers = new Map<string, number>();
  for (const line of tsv.split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols.length < 12) continue;
    const page = Number(cols[1]) - 1;
    const [left, top, width, height] = cols.slice(6, 10).map(Number) as [number, number, number, number];
    const key = cols.slice(1, 5).join('.');
    if (cols[0] === '4') lines.set(key, [top, top + height]);
    if (cols[0] !== '5' || cols[11]!.trim() === '') continue;
    const [y0, y1] = lines.get(key) ?? [top, top + height];
    if (!lineNumbers.has(key)) lineNumbers.set(key, lineNumbers.size);
    (pages[page] ??= []).push({ text: cols[11]!.trim(), box: [left, y0, left + width, y1], confidence: Math.max(0, Number(cols[10])) / 100, line: lineNumbers.get(key)! });
  }
  return Array.from({ length: pages.length }, (_, i) => pages[i] ?? []);
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
        if (k > 0 && wordSeparator(words[k - 1]!.text, w.text) === ' ') {
          text += ' ';
          charConfidence.push(1);
        }
        text += w.text;
        append(charConfidence, Array.from(w.text, () => w.conf));
      });
    });
    return { text, charConfidence };
  });
}
