/**
 * Every text a reader hands on, in canonical code points (canonicalText): section
 * text, titles, agency, labels and cells alike, whatever the format, so that a
 * search for 人民 finds the 人⺠ of a Chromium-printed PDF and no invisible
 * character stands between the digits of a number. Provenance is unchanged: a
 * cell's text still starts where it did.
 */
import type { Block, LayoutCell, LayoutDocument } from '../model/layout.js';
import { canonicalText } from '../text/normalize.js';

function cell(c: LayoutCell): LayoutCell {
  return { ...c, text: canonicalText(c.text), ...(c.alternatives ? { alternatives: c.alternatives.map(canonicalText) } : {}) };
}

function block(b: Block): Block {
  return b.kind === 'text' ? { ...b, text: canonicalText(b.text) } : { ...b, rows: b.rows.map((row) => row.map(cell)) };
}

export function canonicalLayout(layout: LayoutDocument): LayoutDocument {
  const { title, titleCandidates } = layout.meta;
  return {
    ...layout,
    meta: {
      ...layout.meta,
      ...(title !== undefined ? { title: canonicalText(title) } : {}),
      ...(titleCandidates ? { titleCandidates: titleCandidates.map(canonicalText) } : {}),
    },
    blocks: layout.blocks.map(block),
  };
}
