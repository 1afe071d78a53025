/**
 * Tables without ruling lines, from text alignment (Camelot's "stream"
 * idea): lines whose text falls into several segments with wide gaps, at
 * least some of them numbers, form a table region; each line is a row and
 * each segment a cell. Labels wrapped over several lines are joined to the
 * row whose values they stand beside.
 */
import type { LayoutCell, TableBlock } from '../../src/model/layout.js';
import { headedSection, startsNumbered } from '../../src/text/headings.js';
import { isValueLike, parseValue } from '../../src/text/number.js';
import type { Box, Matrix } from './geometry.js';
import { toUserSpace, union } from './geometry.js';
import type { Line } from './lines.js';
import type { PdfSettings } from './settings.js';
import type { TextRun } from './text.js';
import { splitAtSpaces } from './text.js';
import { append } from '../../src/arrays.js';

export interface Segment {
  text: string;
  box: Box;
}

export interface StreamRow {
  line: Line;
  segments: Segment[];
}

/** A line's text cut where the gap between runs is wider than a column gap. */
export function segmentsOf(line: Line, settings: PdfSettings): Segment[] {
  const tokens = line.runs.flatMap((r) => splitAtSpaces(r)).sort((a, b) => a.box[0] - b.box[0]);
  const segments: Array<{ runs: TextRun[] }> = [];
  for (const token of tokens) {
    const last = segments.at(-1)?.runs.at(-1);
    if (last && token.box[0] - last.box[2] <= token.size * settings.columnGapShare) segments.at(-1)!.runs.push(token);
    else segments.push({ runs: [token] });
  }
  return segments.map((s) => ({
    text: s.runs.reduce((t, r, i) => t + (i > 0 && r.box[0] - s.runs[i - 1]!.box[2] > r.size * settings.joinGapShare ? ' ' : '') + r.text, ''),
    box: s.runs.map((r) => r.box).reduce(union),
  }));
}

const isNumber = (s: Segment) => parseValue(s.text).state === 'number';

/**
 * Splits lines into ordinary lines and table regions. Lines form chains,
 * broken by section headings and wide gaps (not by page breaks: furniture is
 * gone by now). In a chain, a region runs from its first line with several
 * segments (header lines included) to its last line with a number among
 * several segments; it is a table when two such lines have numbers, or one
 * has four (Table 4 is a single row of numbers).
 */
export function findRegions(lines: Line[], settings: PdfSettings): Array<{ region: StreamRow[] } | { line: Line }> {
  const rows: StreamRow[] = lines.map((line) => ({ line, segments: segmentsOf(line, settings) }));
  const numbers = (r: StreamRow) => r.segments.filter(isNumber).length;
  const multi = (r: StreamRow) => r.segments.length >= 2;
  const seed = (r: StreamRow) => multi(r) && numbers(r) >= 1;

  const chains: StreamRow[][] = [];
  const out: Array<{ region: StreamRow[] } | { line: Line }> = [];
  const flushChains = () => {
    for (const chain of chains.splice(0)) {
      const first = chain.findIndex(multi);
      const last = chain.findLastIndex(seed);
      const region = first >= 0 && last >= first ? chain.slice(first, last + 1) : [];
      const isTable = region.filter(seed).length >= 2 || region.some((r) => numbers(r) >= 4);
      if (!isTable) {
        append(out, chain.map((r) => ({ line: r.line })));
        continue;
      }
      append(out, chain.slice(0, first).map((r) => ({ line: r.line })));
      out.push({ region });
      append(out, chain.slice(last + 1).map((r) => ({ line: r.line })));
    }
  };
  for (const row of rows) {
    const chain = chains.at(-1);
    const previous = chain?.at(-1);
    if (headedSection(row.line.text)) {
      flushChains();
      out.push({ line: row.line });
      continue;
    }
    const apart = previous !== undefined && previous.line.page === row.line.page && row.line.box[1] - previous.line.box[3] > settings.regionGapShare * row.line.size;
    if (!chain || apart) chains.push([row]);
    else chain.push(row);
  }
  flushChains();
  return out;
}

/**
 * Joins wrapped labels to their row. Cells are vertically centred in these
 * tables, so a row's values often stand between its label lines, and group
 * labels (（五）不予处理) sit in a column of their own. So: the leaf-label
 * column is where the label just left of the values stands; label-only lines
 * that follow one another closely in that column form a block (a new block
 * starts where a label starts like a row, 1. （二） 四、); each block joins
 * the nearest row of values on its page, above or below.
 */
export function joinWrappedLabels(rows: StreamRow[], settings: PdfSettings): StreamRow[] {
  const hasValues = (r: StreamRow) => r.segments.some(isValue);
  const labelBeforeValues = (r: StreamRow) => {
    const i = r.segments.findIndex(isValue);
    return i > 0 && !isValue(r.segments[i - 1]!) ? r.segments[i - 1] : undefined;
  };
  const leafBoxes = rows.filter(hasValues).flatMap((r) => { const label = labelBeforeValues(r); return label ? [label.box] : []; });
  if (leafBoxes.length === 0) return rows;
  const leafColumn = leafBoxes.reduce(union);
  const leafOf = (r: StreamRow) => r.segments.filter((s) => !isValue(s) && overlaps(s.box, leafColumn)).at(-1);

  const blocks: StreamRow[][] = [];
  let open: StreamRow[] | undefined;
  for (const row of rows) {
    const leaf = leafOf(row);
    if (hasValues(row) || !leaf) {
      if (hasValues(row)) open = undefined;
      continue;
    }
    const previous = open?.at(-1);
    const continues =
      previous !== undefined &&
      previous.line.page === row.line.page &&
      row.line.box[1] - previous.line.box[3] <= settings.wrapGapShare * row.line.size &&
      !startsNumbered.test(leaf.text);
    if (continues) open!.push(row);
    else blocks.push((open = [row]));
  }

  const joined = new Map<StreamRow, StreamRow[]>();
  const attached = new Set<StreamRow>();
  for (const block of blocks) {
    const top = block[0]!.line.box[1];
    const bottom = block.at(-1)!.line.box[3];
    const target = rows
      .filter((v) => hasValues(v) && v.line.page === block[0]!.line.page)
      .map((v) => ({ v, distance: Math.max(0, v.line.box[1] - bottom, top - v.line.box[3]) }))
      .filter(({ distance }) => distance <= settings.wrapDistanceShare * block[0]!.line.size)
      .sort((a, b) => a.distance - b.distance)[0]?.v;
    if (!target) continue;
    joined.set(target, [...(joined.get(target) ?? []), ...block]);
    block.forEach((r) => attached.add(r));
  }
  return rows
    .filter((r) => !attached.has(r))
    .map((row) => {
      const wraps = joined.get(row);
      if (!wraps) return row;
      const own = labelBeforeValues(row);
      const pieces = [...wraps.map((r) => ({ y: r.line.box[1], segment: leafOf(r)! })), ...(own ? [{ y: row.line.box[1], segment: own }] : [])].sort((a, b) => a.y - b.y);
      const label: Segment = { text: pieces.map((p) => p.segment.text).join(''), box: pieces.map((p) => p.segment.box).reduce(union) };
      const firstValue = row.segments.findIndex(isValue);
      const before = row.segments.slice(0, own ? firstValue - 1 : firstValue);
      return { line: row.line, segments: [...before, label, ...row.segments.slice(firstValue)] };
    });
}


const isValue = (s: Segment) => isValueLike(s.text);
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2];

export function streamTableBlock(rows: StreamRow[], index: number, pageToUser: Map<number, Matrix>): TableBlock {
  const page = rows[0]!.line.page;
  const toUser = pageToUser.get(page)!;
  const cells: LayoutCell[][] = rows.map((row) =>
    row.segments.map((s) => ({ text: s.text, rowSpan: 1, colSpan: 1, source: { page: row.line.page, bbox: toUserSpace(s.box, pageToUser.get(row.line.page)!), table: index, placed: 'aligned' as const } })),
  );
  return {
    kind: 'table',
    index,
    rows: cells,
    source: { page, bbox: toUserSpace(rows.map((r) => r.line.box).reduce(union), toUser), table: index },
  };
}
