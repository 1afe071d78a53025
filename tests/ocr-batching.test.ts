import { describe, expect, it } from 'vitest';
import { SharedCalls } from '../extractors/ocr/batching.js';
import type { Crop, OcrEngine, PageWord, Recognized } from '../extractors/ocr/engine.js';
import { parsePageTsv } from '../extractors/ocr/tesseract.js';

/** An engine that answers each crop with its own label, and counts its calls. */
function countingEngine(fail = false) {
  const calls: string[][] = [];
  const label = (c: Crop) => String(c.image.data[0]);
  const engine: OcrEngine = {
    name: 'fake',
    unavailable: async () => null,
    async recognize(crops: Crop[]): Promise<Recognized[]> {
      calls.push(crops.map(label));
      if (fail) throw new Error('engine died');
      return crops.map((c) => ({ text: `read ${label(c)}`, charConfidence: [1] }));
    },
    async readPages(pages: Crop[]): Promise<PageWord[][]> {
      calls.push(pages.map((p) => `page ${label(p)}`));
      return pages.map((p) => [{ text: `words ${label(p)}`, box: [0, 0, 1, 1], confidence: 1 }]);
    },
    close: async () => {},
  };
  return { engine, calls };
}

const crop = (n: number): Crop => ({ image: { width: 1, height: 1, data: Uint8Array.of(n) }, dpi: 210, kind: 'number' });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('pages that share engine calls', () => {
  it('makes one call per step for pages read side by side, and gives each page its own answers', async () => {
    const { engine, calls } = countingEngine();
    const shared = new SharedCalls();
    const page = (base: number, steps: number) =>
      shared.run(async () => {
        const out: string[] = [];
        for (let s = 0; s < steps; s++) {
          await tick(); // pages reach their calls at different moments
          const reads = await shared.over(engine).recognize([crop(base + s), crop(base + s + 100)]);
          out.push(...reads.map((r) => r.text));
        }
        const [words] = await shared.over(engine).readPages([crop(base)]);
        out.push(words![0]!.text);
        return out;
      });
    const [a, b, c] = await Promise.all([page(1, 2), page(20, 2), page(40, 1)]);
    expect(a).toEqual(['read 1', 'read 101', 'read 2', 'read 102', 'words 1']);
    expect(b).toEqual(['read 20', 'read 120', 'read 21', 'read 121', 'words 20']);
    expect(c).toEqual(['read 40', 'read 140', 'words 40']);
    // Step one of all three pages in one call; then page c reads its page while a and b read step two.
    expect(calls[0]).toEqual(['1', '101', '20', '120', '40', '140']);
    expect(calls).toHaveLength(4);
    expect(calls.filter((c) => c[0]!.startsWith('page'))).toEqual([['page 40'], ['page 1', 'page 20']]);
  });

  it('does not wait for a page that never calls the engine', async () => {
    const { engine, calls } = countingEngine();
    const shared = new SharedCalls();
    const textPage = shared.run(async () => {
      await tick();
      return 'text layer';
    });
    const scan = shared.run(async () => (await shared.over(engine).recognize([crop(7)]))[0]!.text);
    expect(await Promise.all([textPage, scan])).toEqual(['text layer', 'read 7']);
    expect(calls).toEqual([['7']]);
  });

  it('fails every page of a call the engine failed, and only those', async () => {
    const { engine } = countingEngine(true);
    const shared = new SharedCalls();
    const results = await Promise.allSettled([
      shared.run(() => shared.over(engine).recognize([crop(1)])),
      shared.run(() => shared.over(engine).recognize([crop(2)])),
      shared.run(async () => 'no OCR'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});

describe("tesseract's TSV of several pages", () => {
  it('gives each image its words, as high as their line', () => {
    const row = (level: number, page: number, line: number, word: number, box: number[], conf: number, text: string) =>
      [level, page, 1, 1, line, word, ...box, conf, text].join('\t');
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      row(4, 1, 1, 0, [10, 10, 200, 40], -1, ''),
      row(5, 1, 1, 1, [10, 20, 30, 10], 91, '一'),
      row(5, 1, 1, 2, [50, 10, 60, 40], 88, '年度报告'),
      row(4, 3, 1, 0, [5, 100, 100, 30], -1, ''),
      row(5, 3, 1, 1, [5, 100, 100, 30], 95, '2021'),
    ].join('\n');
    const pages = parsePageTsv(tsv);
    expect(pages).toHaveLength(3);
    expect(pages[0]!.map((w) => [w.text, w.box])).toEqual([
      ['一', [10, 10, 40, 50]],
      ['年度报告', [50, 10, 110, 50]],
    ]);
    expect(pages[1]).toEqual([]);
    expect(pages[2]!.map((w) => w.text)).toEqual(['2021']);
    expect(pages[2]![0]!.line).not.toBe(pages[0]![0]!.line);
  });
});
