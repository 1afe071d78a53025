/**
 * Tables without ruling lines, from text alignment (Camelot's "stream"
 * idea): lines whose text falls into several segments with wide gaps, at
 * least some of them numbers, form a table region; each line is a row and
 * each segment a cell. Labels wrapped over several lines are joined to the
 * row whose values they stand beside.
 */
import type { LayoutCell, TableBlock } from '../../src/model/layout.js';
import { sections } from '../../mappings/sections.js';
import { labelKey, normalizeText } from '../../src/text/normalize.js';
import { parseValue } from '../../src/text/number.js';
import type { Box, Matrix } from './geometry.js';
import { toUserSpace, union } from './geometry.js';
import type { Line } from './lines.js';
import type { PdfSettings } from './settings.js';
import type { TextRun } from './text.js';
import { splitAtSpaces } from './text.js';

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

function isSectionHeading(text: string): boolean {
  const t = normalizeText(text);
  return sections.some((s) => new RegExp(`^${s.numeral}[、.]`).test(t) && s.contains.some((k) => labelKey(t).includes(k)));
}

/**
 * Splits one page's lines into runs of ordinary lines and table regions. A
 * region has at least two lines with two or more numbers; a section heading,
 * a wide gap or a change of page ends it.
 */
export function findRegions(lines: Line[], settings: PdfSettings): Array<{ region: StreamRow[] } | { line: Line }> {
  const rows = lines.map((line) => ({ line, segments: segmentsOf(line, settings) }));
  const tabular = (r: StreamRow) => r.segments.length >= 2 && r.segments.some(isNumber);
  const out: Array<{ region: StreamRow[] } | { line: Line }> = [];
  let i = 0;
  while (i < rows.length) {
    if (!tabular(rows[i]!)) {
      out.push({ line: rows[i]!.line });
      i++;
      continue;
    }
    // Grow the region while lines stay close; keep label lines sandwiched between tabular ones.
    let end = i;
    let j = i + 1;
    while (j < rows.length) {
      const row = rows[j]!;
      const previous = rows[j - 1]!;
      const gap = row.line.box[1] - previous.line.box[3];
      if (row.line.page !== previous.line.page || gap > settings.regionGapShare * row.line.size || isSectionHeading(row.line.text)) break;
      if (tabular(row)) end = j;
      j++;
    }
    const region = rows.slice(i, end + 1);
    if (region.filter((r) => r.segments.filter(isNumber).length >= 2).length >= 2) {
      out.push({ region });
    } else {
      out.push(...region.map((r) => ({ line: r.line })));
    }
    i = end + 1;
  }
  return out;
}

/**
 * Joins label-only lines to the row with values they belong to: the nearest
 * one above or below whose label column they share. A row of values with no
 * label of its own (the label wrapped above and below it) gets them all.
 */
export function joinWrappedLabels(rows: StreamRow[], settings: PdfSettings): StreamRow[] {
  const hasValues = (r: StreamRow) => r.segments.some((s) => parseValue(s.text).state !== 'unreadable');
  const valueRows = rows.filter(hasValues);
  const extra = new Map<StreamRow, { above: Segment[]; below: Segment[] }>(valueRows.map((r) => [r, { above: [], below: [] }]));
  const kept: StreamRow[] = [];
  for (const row of rows) {
    if (hasValues(row)) {
      kept.push(row);
      continue;
    }
    const label = row.segments.at(-1)!;
    const nearest = valueRows
      .map((v) => ({ v, distance: Math.abs((v.line.box[1] + v.line.box[3]) / 2 - (row.line.box[1] + row.line.box[3]) / 2) }))
      .filter(({ v, distance }) => {
        const ownLabel = v.segments.filter((s) => !isValue(s)).at(-1);
        const firstValue = v.segments.find(isValue)!;
        const sameColumn = ownLabel ? overlaps(ownLabel.box, label.box) : label.box[2] <= firstValue.box[0];
        return sameColumn && distance <= settings.wrapDistanceShare * row.line.size;
      })
      .sort((a, b) => a.distance - b.distance)[0];
    if (!nearest) {
      kept.push(row);
      continue;
    }
    const side = row.line.box[1] < nearest.v.line.box[1] ? 'above' : 'below';
    extra.get(nearest.v)![side].push(label);
  }
  return kept.map((row) => {
    const wrap = extra.get(row);
    if (!wrap || (wrap.above.length === 0 && wrap.below.length === 0)) return row;
    const labelIndex = row.segments.findIndex(isValue) - 1;
    const own = labelIndex >= 0 ? [row.segments[labelIndex]!] : [];
    const parts = [...wrap.above, ...own, ...wrap.below];
    const joined: Segment = { text: parts.map((p) => p.text).join(''), box: parts.map((p) => p.box).reduce(union) };
    const before = labelIndex >= 0 ? row.segments.slice(0, labelIndex) : [];
    return { line: row.line, segments: [...before, joined, ...row.segments.slice(labelIndex + 1)] };
  });
}

const isValue = (s: Segment) => parseValue(s.text).state !== 'unreadable';
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2];

export function streamTableBlock(rows: StreamRow[], index: number, pageToUser: Map<number, Matrix>): TableBlock {
  const page = rows[0]!.line.page;
  const toUser = pageToUser.get(page)!;
  const cells: LayoutCell[][] = rows.map((row) =>
    row.segments.map((s) => ({ text: s.text, rowSpan: 1, colSpan: 1, source: { page: row.line.page, bbox: toUserSpace(s.box, pageToUser.get(row.line.page)!), table: index } })),
  );
  return {
    kind: 'table',
    index,
    rows: cells,
    source: { page, bbox: toUserSpace(rows.map((r) => r.line.box).reduce(union), toUser), table: index },
  };
}
