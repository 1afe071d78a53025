/**
 * The statistics a free-form report from before 2019 states in its
 * sentences (mappings/pre2019.ts), as cells keyed pre2019.*: the printed
 * number with the sentence it stands in as raw text and the block it came
 * from as source. The first sentence that states a figure gives it; never a
 * sum or a guess. Confidence is below a table cell's: a sentence can speak
 * of part of the whole (one department's applications).
 */
import { pre2019Statistics } from '../../mappings/pre2019.js';
import type { Block } from '../model/layout.js';
import { blockText } from '../model/layout.js';
import type { Cell } from '../model/report.js';
import { minOf } from '../arrays.js';
import { confidence } from '../settings.js';


/** The sentence around a match, for the raw text. */
function sentence(text: string, at: number, length: number): string {
  const start = Math.max(text.lastIndexOf('。', at) + 1, text.lastIndexOf('；', at) + 1, at - 40, 0);
  const ends = ['。', '；'].map((c) => text.indexOf(c, at + length)).filter((i) => i >= 0);
  const end = Math.min(minOf(ends), at + length + 40, text.length);
  return text.slice(start, end).trim();
}

export function pre2019Cells(blocks: Block[]): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  // Tables too: a crawler dump cuts sentences into cells.
  const all = blocks.map((b) => ({ text: blockText(b), source: b.source }));
  for (const stat of pre2019Statistics) {
    for (const { text, source } of all) {
      const hit = stat.patterns.map((p) => p.exec(text)).find((m) => m !== null);
      const none = hit ? undefined : stat.none?.map((p) => p.exec(text)).find((m) => m !== null);
      const m = hit ?? none;
      if (!m) continue;
      const value = hit ? Number(hit[1]!.replace(/[,，]/g, '')) : 0;
      cells[stat.key] = { value, raw: sentence(text, m.index, m[0].length), state: 'number', confidence: confidence.pre2019Sentence, source: { ...source } };
      break;
    }
  }
  return cells;
}
