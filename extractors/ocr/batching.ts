/**
 * Several pages read at once share their engine calls. Starting an engine
 * (a tesseract process and its language model) costs about as much as
 * reading a page's numbers, and a page makes five or six calls; pages of one
 * document read side by side wait at each call until every page still being
 * read is waiting too, and then go as one call. Nothing about a read
 * changes: the same crops, with the same options, in the same process kind.
 */
import type { Crop, OcrEngine, PageWord, Recognized } from './engine.js';

interface Waiting<T> {
  engine: OcrEngine;
  crops: Crop[];
  resolve: (result: T[]) => void;
  reject: (error: unknown) => void;
}

export class SharedCalls {
  private active = 0;
  private readonly crops: Array<Waiting<Recognized>> = [];
  private readonly pages: Array<Waiting<PageWord[]>> = [];

  /** The engine as the pages see it: each call waits for the other pages' calls. */
  over(inner: OcrEngine): OcrEngine {
    return {
      name: inner.name,
      unavailable: () => inner.unavailable(),
      recognize: (crops) => this.wait(this.crops, inner, crops),
      readPages: (pages) => this.wait(this.pages, inner, pages),
      close: async () => {},
    };
  }

  /** Runs one page's reading as one of the pages that share calls. */
  async run<T>(read: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await read();
    } finally {
      this.active--;
      this.flushIfAllWait();
    }
  }

  private wait<T>(queue: Array<Waiting<T>>, engine: OcrEngine, crops: Crop[]): Promise<T[]> {
    if (crops.length === 0) return Promise.resolve([]);
    return new Promise<T[]>((resolve, reject) => {
      queue.push({ engine, crops, resolve, reject });
      this.flushIfAllWait();
    });
  }

  private flushIfAllWait(): void {
    if (this.crops.length + this.pages.length < this.active || this.crops.length + this.pages.length === 0) return;
    const crops = this.crops.splice(0);
    const pages = this.pages.splice(0);
    // One engine per document: the first request's.
    if (crops.length > 0) void send(crops, (all) => crops[0]!.engine.recognize(all));
    if (pages.length > 0) void send(pages, (all) => pages[0]!.engine.readPages(all));
  }
}

/** One engine call for all waiting requests; each gets its own slice of the answer (or the error). */
async function send<T>(waiting: Array<Waiting<T>>, call: (crops: Crop[]) => Promise<T[]>): Promise<void> {
  try {
    const results = await call(waiting.flatMap((w) => w.crops));
    let at = 0;
    for (const w of waiting) {
      w.resolve(results.slice(at, at + w.crops.length));
      at += w.crops.length;
    }
  } catch (error) {
    for (const w of waiting) w.reject(error);
  }
}
