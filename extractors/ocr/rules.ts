/**
 * Ruling lines in a page image: long thin runs of ink, horizontal and
 * vertical. The table structure comes from these lines, as in a born-digital
 * PDF, and the same lattice steps (../pdf/lattice.ts) turn them into cells.
 */
import type { Edge } from '../pdf/rules.js';
import type { Gray } from './image.js';
import { ocrSettings, px } from './settings.js';
import { cluster, mean } from '../pdf/geometry.js';
import { maxOf, minOf } from '../../src/arrays.js';

interface Run {
  at: number;
  from: number;
  to: number;
}

/**
 * Runs of ink along each row (or column), gaps up to `ruleGap` bridged, at
 * least `minRuleRun` long. A pixel counts as ink when it or a neighbour
 * across the line is: a hairline scanned at low resolution is grey and
 * dotted, its dots alternating between two pixel rows.
 */
function runs(image: Gray, threshold: number, vertical: boolean): Run[] {
  const { width, height, data } = image;
  const gap = px(ocrSettings.ruleGapShare);
  const minRun = px(ocrSettings.minDashShare);
  // Ink, widened by one pixel across the lines: a pixel is ink when it or a neighbour across the line is.
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) if (data[i]! <= threshold) ink[i] = 1;
  const wide = new Uint8Array(width * height);
  if (vertical) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) wide[row + x] = ink[row + x]! | (x > 0 ? ink[row + x - 1]! : 0) | (x + 1 < width ? ink[row + x + 1]! : 0);
    }
  } else {
    for (let i = 0; i < wide.length; i++) wide[i] = ink[i]! | (i >= width ? ink[i - width]! : 0) | (i + width < wide.length ? ink[i + width]! : 0);
  }
  const out: Run[] = [];
  // Along each line, in memory order (columns are walked a row at a time, each with its own run so far).
  const lines = vertical ? width : height;
  const length = vertical ? height : width;
  const start = new Int32Array(lines).fill(-1);
  const lastInk = new Int32Array(lines).fill(-1);
  // Paper at `b` on line `a`: the run so far ends once the gap is too wide to bridge.
  const paper = (a: number, b: number) => {
    if (start[a]! >= 0 && b - lastInk[a]! > gap) {
      if (lastInk[a]! - start[a]! + 1 >= minRun) out.push({ at: a, from: start[a]!, to: lastInk[a]! + 1 });
      start[a] = -1;
    }
  };
  if (vertical) {
    for (let b = 0; b < length; b++) {
      const row = b * width;
      for (let a = 0; a < lines; a++) {
        if (wide[row + a]) {
          if (start[a]! < 0) start[a] = b;
          lastInk[a] = b;
        } else if (start[a]! >= 0) paper(a, b);
      }
    }
  } else {
    for (let a = 0; a < lines; a++) {
      const row = a * width;
      for (let b = 0; b < length; b++) {
        if (wide[row + b]) {
          if (start[a]! < 0) start[a] = b;
          lastInk[a] = b;
        } else if (start[a]! >= 0) paper(a, b);
      }
    }
  }
  for (let a = 0; a < lines; a++) paper(a, length);
  // Line by line, as the lines are walked across.
  return vertical ? out.sort((p, q) => p.at - q.at || p.from - q.from) : out;
}

/**
 * Runs on neighbouring rows that overlap or follow one another form one
 * rule: a line that is not quite level (residual skew, nearest-neighbour
 * rotation) steps from one pixel row to the next. A band thicker than a rule
 * is not one.
 */
function bands(list: Run[]): Array<{ at: number; top: number; bottom: number; from: number; to: number }> {
  const sorted = [...list].sort((p, q) => p.at - q.at || p.from - q.from);
  const groups: Array<{ runs: Run[]; last: number }> = [];
  const gap = px(ocrSettings.ruleGapShare);
  for (const run of sorted) {
    const group = groups.find((g) => run.at - g.last <= 2 && g.runs.some((r) => r.from <= run.to + gap && run.from <= r.to + gap));
    if (group) {
      group.runs.push(run);
      group.last = run.at;
    } else groups.push({ runs: [run], last: run.at });
  }
  return groups
    .filter((g) => g.last - g.runs[0]!.at + 1 <= px(ocrSettings.maxRuleThicknessShare))
    .map((g) => ({
      at: (g.runs[0]!.at + g.last) / 2,
      top: g.runs[0]!.at,
      bottom: g.last,
      from: minOf(g.runs.map((r) => r.from)),
      to: maxOf(g.runs.map((r) => r.to)),
    }));
}

/**
 * Bands of long runs and of short ones (dashes) apart: a stroke of a digit
 * set against a rule is a short run beside it, and joined to the rule's band
 * would make it too thick to be a rule.
 */
function separateBands(list: Run[]): ReturnType<typeof bands> {
  const long = px(ocrSettings.minRuleRunShare);
  return [...bands(list.filter((r) => r.to - r.from >= long)), ...bands(list.filter((r) => r.to - r.from < long))];
}

/**
 * The share of a band's length along which there is ink just beside it on
 * both sides (within `ruleClearanceShare` of a character height). A ruling
 * line has paper on at least one side but where other rules cross it (text
 * in a narrow cell may touch it on one side); a stroke of a large character
 * (strokes lined up along a bold title) has the rest of its character
 * around it.
 */
function crowded(image: Gray, threshold: number, vertical: boolean, band: { top: number; bottom: number; from: number; to: number }): number {
  const d = px(ocrSettings.ruleClearanceShare);
  const lines = vertical ? image.width : image.height;
  const at = (a: number, b: number) => image.data[vertical ? b * image.width + a : a * image.width + b]! <= threshold;
  let count = 0;
  for (let b = band.from; b < band.to; b++) {
    let before = false;
    let after = false;
    for (let k = 2; k <= d + 1; k++) {
      before ||= band.top - k >= 0 && at(band.top - k, b);
      after ||= band.bottom + k < lines && at(band.bottom + k, b);
    }
    if (before && after) count++;
  }
  return count / Math.max(1, band.to - band.from);
}

/**
 * How thick the band is in dark ink (at most `inkLevel`), the median over
 * its length: a printed rule is a hairline or a point thick, however grey
 * its halo; the strokes of a bold title are thicker.
 */
function coreThickness(image: Gray, inkLevel: number, vertical: boolean, band: { top: number; bottom: number; from: number; to: number }): number {
  const lines = vertical ? image.width : image.height;
  const counts: number[] = [];
  const step = Math.max(1, Math.floor((band.to - band.from) / 50));
  for (let b = band.from; b < band.to; b += step) {
    let n = 0;
    for (let a = Math.max(0, band.top - 1); a <= Math.min(lines - 1, band.bottom + 1); a++) {
      if (image.data[vertical ? b * image.width + a : a * image.width + b]! <= inkLevel) n++;
    }
    counts.push(n);
  }
  counts.sort((p, q) => p - q);
  return counts[Math.floor(counts.length / 2)] ?? 0;
}

interface Dash {
  at: number;
  from: number;
  to: number;
}

interface Line extends Dash {
  /** Pieced together from several dashes (a broken rule), not one unbroken run. */
  repaired: boolean;
  /** The widest gap between its pieces. */
  widestGap?: number;
}

/**
 * Pieces of one line → candidate rules. A thresholded (bilevel) scan or a
 * worn photocopy breaks a hairline into dashes: pieces on one line (their
 * positions across it within half a rule's thickness) that follow one
 * another with gaps up to `ruleRepairGapShare` of a character height, over
 * clean paper (`clean`: a gap through text is no gap in a rule), are one
 * candidate when pieces at least `minPiece` long cover at least
 * `minRuleInkShare` of its length. Horizontal rules count only pieces longer
 * than any stroke of a character: strokes side by side on a text line line
 * up into a dashed line too, but of short dashes. (Vertical rules are held
 * to crossing the horizontal ones instead: acceptRules.)
 */
export function chainDashes(dashes: Dash[], clean: (at: number, from: number, to: number) => boolean, rule: { minPiece: number; maxGap: number; minInk: number }): Line[] {
  const sorted = [...dashes].sort((p, q) => p.at - q.at);
  const across = px(ocrSettings.maxRuleThicknessShare) / 2;
  const lines: Dash[][] = [];
  for (const dash of sorted) {
    const line = lines.find((l) => Math.abs(l[0]!.at - dash.at) <= across);
    if (line) line.push(dash);
    else lines.push([dash]);
  }
  const { minPiece, maxGap: gap, minInk } = rule;
  const out: Line[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.from - q.from);
    let chain: Dash[] = [];
    let end = -Infinity;
    const close = () => {
      if (chain.length === 0) return;
      const from = chain[0]!.from;
      const inked = inkedLength(chain.filter((d) => d.to - d.from >= minPiece));
      const weight = chain.reduce((s, d) => s + d.to - d.from, 0);
      const at = chain.reduce((s, d) => s + d.at * (d.to - d.from), 0) / Math.max(1, weight);
      const repaired = chain.length > 1;
      let widestGap = 0;
      let reach = -Infinity;
      for (const d of chain) {
        if (reach > -Infinity) widestGap = Math.max(widestGap, d.from - reach);
        reach = Math.max(reach, d.to);
      }
      if (end - from >= px(ocrSettings.minRuleRunShare) && inked >= minInk * (end - from)) out.push({ at, from, to: end, repaired, widestGap });
      chain = [];
    };
    for (const dash of line) {
      if (chain.length > 0 && dash.from > end && (dash.from - end > gap || !clean(dash.at, end, dash.from))) close();
      if (chain.length === 0) end = -Infinity;
      chain.push(dash);
      end = Math.max(end, dash.to);
    }
    close();
  }
  return out;
}

/**
 * Which candidates are rules. An unbroken run as long as `minRuleRunShare`
 * is one (as on any scan). Strokes of characters line up too (the top
 * strokes of 不予 on a text line, the uprights of characters on lines one
 * above the other), but not for long: a repaired horizontal rule must be
 * `minRepairedRuleShare` long, and a repaired vertical one must cross two
 * such long horizontal rules, as the rules of a table do, and ends at the
 * outermost ones. Ends of a repaired
 * rule that stop short of a long crossing rule over clean paper are carried
 * on to it (the last dash before a corner fell out): a vertical one by less
 * than a row's height, a horizontal one by `ruleEndGapShare`.
 */
export function acceptRules(horizontal: Line[], vertical: Line[], clean: { h: (at: number, from: number, to: number) => boolean; v: (at: number, from: number, to: number) => boolean }): { h: Line[]; v: Line[] } {
  const slack = px(ocrSettings.maxRuleThicknessShare);
  const gap = px(ocrSettings.ruleRepairGapShare);
  const long = (l: Line) => l.to - l.from >= px(ocrSettings.minRepairedRuleShare);
  const h = horizontal.filter((l) => !l.repaired || long(l));
  const longH = h.filter(long);
  // A horizontal rule may stop short of the vertical it runs to by a repair gap (its last dash fell out).
  const crosses = (l: Line, o: Line) => o.at >= l.from - slack && o.at <= l.to + slack && l.at >= o.from - gap && l.at <= o.to + gap;
  // A repaired vertical rule ends at the last long rules it crosses: a table's rules stop at its border, and
  // an upright of a heading's character above the table is no part of them.
  const v = vertical.flatMap((l) => {
    if (!l.repaired) return [l];
    const crossed = longH.filter((o) => crosses(l, o)).map((o) => o.at);
    return crossed.length >= 2 ? [{ ...l, from: Math.max(l.from, minOf(crossed)), to: Math.min(l.to, maxOf(crossed)) }] : [];
  });
  const extend = (lines: Line[], others: Line[], isClean: (at: number, from: number, to: number) => boolean, gap: number) =>
    lines.map((l) => {
      if (!l.repaired) return l;
      const across = others.filter((o) => long(o) && l.at >= o.from - slack && l.at <= o.to + slack);
      const before = across.filter((o) => o.at < l.from && l.from - o.at <= gap && isClean(l.at, o.at, l.from)).map((o) => o.at);
      const after = across.filter((o) => o.at > l.to && o.at - l.to <= gap && isClean(l.at, l.to, o.at)).map((o) => o.at);
      return { ...l, from: before.length > 0 ? maxOf(before) : l.from, to: after.length > 0 ? minOf(after) : l.to };
    });
  // Carried on over less than a row's height (`minCellHeightShare`) for a vertical rule, less than a narrow
  // column's width for a horizontal one: further, the rule may stop there on purpose (a merged cell).
  return {
    h: extend(h, vertical.filter((l) => !l.repaired).concat(v), clean.h, px(ocrSettings.ruleEndGapShare)),
    v: extend(v, h, clean.v, px(ocrSettings.minCellHeightShare) - 1),
  };
}

/**
 * The vertical rules of a table, row by row. Between two long horizontal
 * rules (a row band), a column's rule is there when pieces of it cover
 * `minRuleInkShare` of the band (repaired to the whole band where they do
 * not reach across), and missing where they do not: parts of a fax-like
 * scan's verticals vanish whole. A missing one is put back (`inferred`) only
 * where the table shows it: the column's rule is there in some row above and
 * some row below, rules of other columns bound the row on both sides, and
 * its line crosses clean paper (no text crosses it). A cell merged across
 * columns has its rule missing in rows above or below as well (a header), or
 * text across the line.
 */
export function completeColumns(
  horizontal: Line[],
  accepted: Line[],
  candidates: Line[],
  isClean: (at: number, from: number, to: number) => boolean,
  isText: (at: number, from: number, to: number) => boolean,
): Array<Line & { drawn?: 'repaired' | 'inferred' }> {
  const slack = px(ocrSettings.maxRuleThicknessShare);
  const long = horizontal.filter((l) => l.to - l.from >= px(ocrSettings.minRepairedRuleShare)).sort((p, q) => p.at - q.at);
  const columns = cluster(accepted.map((l) => l.at), slack).map(mean);
  type State = 'drawn' | 'repaired' | 'missing' | 'none';
  // For each column, the bands between successive long rules that both run across it, and what is there.
  const bandsOf = columns.map((x) => {
    const across = long.filter((h) => h.from - slack <= x && x <= h.to + slack);
    const out: Array<{ top: number; bottom: number; state: State }> = [];
    for (let k = 0; k + 1 < across.length; k++) {
      const top = across[k]!.at;
      const bottom = across[k + 1]!.at;
      if (bottom - top < px(ocrSettings.minCellHeightShare)) continue;
      const pieces = candidates
        .filter((l) => Math.abs(l.at - x) <= slack && l.to > top && l.from < bottom)
        .map((l) => ({ at: l.at, from: Math.max(top, l.from), to: Math.min(bottom, l.to) }))
        .filter((l) => !isText(l.at, l.from, l.to));
      const covered = inkedLength(pieces) / (bottom - top);
      const whole = accepted.some((l) => !l.repaired && Math.abs(l.at - x) <= slack && l.from <= top + slack && l.to >= bottom - slack);
      out.push({ top, bottom, state: whole ? 'drawn' : covered >= ocrSettings.minRuleInkShare ? 'repaired' : 'missing' });
    }
    return out;
  });
  const present = (s: State) => s === 'drawn' || s === 'repaired';
  // A band lies inside a table when rules of other columns bound it on both sides (the paper between two
  // tables, a heading's band, is bounded by none).
  const bounded = (x: number, band: { top: number; bottom: number }, side: -1 | 1) =>
    columns.some((other, o) => (other - x) * side > slack && bandsOf[o]!.some((b) => present(b.state) && Math.abs(b.top - band.top) <= slack && Math.abs(b.bottom - band.bottom) <= slack));
  const inset = px(ocrSettings.cellInsetShare);
  const out: Array<Line & { drawn?: 'repaired' | 'inferred' }> = [...accepted];
  columns.forEach((x, c) => {
    const bands = bandsOf[c]!;
    const inside = bands.map((band) => bounded(x, band, -1) && bounded(x, band, 1));
    // The column's rule is there further up (down) the same table: bands that follow one another, inside it.
    const shownFrom = (k: number, step: 1 | -1) => {
      for (let j = k + step; j >= 0 && j < bands.length; j += step) {
        const prev = bands[j - step]!;
        const band = bands[j]!;
        if (Math.abs(step > 0 ? band.top - prev.bottom : prev.top - band.bottom) > slack || !inside[j]) return false;
        if (present(band.state)) return true;
      }
      return false;
    };
    bands.forEach((band, k) => {
      if (band.state === 'repaired') out.push({ at: x, from: band.top, to: band.bottom, repaired: true, drawn: 'repaired' });
      if (band.state !== 'missing' || !inside[k]) return;
      if (shownFrom(k, -1) && shownFrom(k, 1) && isClean(x, band.top + inset, band.bottom - inset)) {
        out.push({ at: x, from: band.top, to: band.bottom, repaired: true, drawn: 'inferred' });
      }
    });
  });
  return out;
}

/**
 * Row rules lost in a table's last column. A thresholded scan can drop a
 * hairline over a whole column's width: the rules between rows then run from
 * the table's left border to the last column's rule and stop there, and the
 * last column reads as one cell reaching over every row (its values run
 * together, and the row placing cells by order takes the wrong ones). A long
 * rule that starts at the leftmost vertical rule it crosses and ends at the
 * last one but one is carried on to the last (`inferred`) where its line
 * crosses clean paper: a cell merged down that column has its text across
 * some of those lines. Only the last column: label columns on the left merge
 * rows on purpose (三、本年度办理结果 over every result row), and their
 * rules stop short of the border by design.
 */
export function completeRows(horizontal: Line[], vertical: Line[], isClean: (at: number, from: number, to: number) => boolean): Array<Line & { drawn?: 'repaired' | 'inferred' }> {
  const slack = px(ocrSettings.maxRuleThicknessShare);
  const long = (l: Line) => l.to - l.from >= px(ocrSettings.minRepairedRuleShare);
  const out: Array<Line & { drawn?: 'repaired' | 'inferred' }> = [...horizontal];
  for (const h of horizontal.filter(long)) {
    const crossing = vertical.filter((v) => v.from - slack <= h.at && h.at <= v.to + slack).map((v) => v.at);
    const columns = cluster(crossing, slack).map(mean).sort((a, b) => a - b);
    if (columns.length < 3) continue;
    const [first, last, lastButOne] = [columns[0]!, columns.at(-1)!, columns.at(-2)!];
    const startsAtBorder = Math.abs(h.from - first) <= px(ocrSettings.ruleEndGapShare);
    const endsBeforeLast = Math.abs(h.to - lastButOne) <= px(ocrSettings.ruleEndGapShare) && h.to < last - slack;
    if (startsAtBorder && endsBeforeLast && isClean(h.at, h.to, last)) out.push({ at: h.at, from: Math.min(h.to, lastButOne), to: last, repaired: true, drawn: 'inferred' });
  }
  return out;
}

/**
 * Whether a stretch of a vertical line is uprights of characters on lines of
 * text one above the other (a multi-line cell), not a rule: the rest of
 * their characters lies close on both sides along much of it, within
 * `textBesideShare` of a character height. A rule keeps its cells' padding
 * on at least one side but where a digit touches it.
 */
function textBeside(image: Gray, threshold: number) {
  const near = Math.ceil(px(ocrSettings.maxRuleCoreShare) / 2) + 1;
  const far = px(ocrSettings.textBesideShare);
  return (at: number, from: number, to: number): boolean => {
    let both = 0;
    const x = Math.round(at);
    const ink = (y: number, lo: number, hi: number) => {
      for (let k = lo; k <= hi; k++) if (k >= 0 && k < image.width && image.data[y * image.width + k]! <= threshold) return true;
      return false;
    };
    const first = Math.max(0, Math.floor(from));
    const last = Math.min(image.height, Math.ceil(to));
    for (let y = first; y < last; y++) if (ink(y, x - far, x - near) && ink(y, x + near, x + far)) both++;
    return both > ocrSettings.maxCrowdedShare * Math.max(1, last - first);
  };
}

/**
 * Whether the paper along a stretch of a line (a gap between two pieces of a
 * rule) is clean: beside the line, within the rule's half thickness and
 * `ruleClearanceShare` of a character height, at most a rule's thickness
 * (a crossing rule) and `maxGapInkShare` of the stretch has ink.
 */
function cleanGap(image: Gray, threshold: number, vertical: boolean) {
  const reach = Math.ceil(px(ocrSettings.maxRuleThicknessShare) / 2 + px(ocrSettings.ruleClearanceShare));
  const lines = vertical ? image.width : image.height;
  return (at: number, from: number, to: number): boolean => {
    let inked = 0;
    const lo = Math.max(0, Math.round(at) - reach);
    const hi = Math.min(lines - 1, Math.round(at) + reach);
    for (let b = Math.max(0, Math.floor(from)); b < Math.min(vertical ? image.height : image.width, Math.ceil(to)); b++) {
      for (let a = lo; a <= hi; a++) {
        if (image.data[vertical ? b * image.width + a : a * image.width + b]! <= threshold) {
          inked++;
          break;
        }
      }
    }
    return inked <= px(ocrSettings.maxRuleThicknessShare) + ocrSettings.maxGapInkShare * (to - from);
  };
}

/** Length covered by at least one of the pieces (they may overlap). */
function inkedLength(pieces: Dash[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const p of [...pieces].sort((a, b) => a.from - b.from)) {
    const from = Math.max(p.from, reach);
    if (p.to > from) total += p.to - from;
    reach = Math.max(reach, p.to);
  }
  return total;
}

/**
 * The page's ruling lines as edges in pixels: runs of pixels at most
 * `ruleLevel` bright (hairlines scan light grey), with no ink at most
 * `inkLevel` bright crowding them (light JPEG noise beside a rule is not ink),
 * broken ones repaired (joinDashes).
 */
export function imageEdges(image: Gray, ruleLevel: number, inkLevel: number): Edge[] {
  const clean = { h: cleanGap(image, inkLevel, false), v: cleanGap(image, inkLevel, true) };
  const dashes = (vertical: boolean) =>
    separateBands(runs(image, ruleLevel, vertical)).filter(
      (b) => coreThickness(image, inkLevel, vertical, b) <= px(ocrSettings.maxRuleCoreShare) && crowded(image, inkLevel, vertical, b) <= ocrSettings.maxCrowdedShare,
    );
  const horizontalDashes = dashes(false);
  const verticalDashes = dashes(true);
  const edge = (orientation: 'h' | 'v') => (l: Line & { drawn?: Edge['drawn'] }): Edge => ({ orientation, pos: l.at, start: l.from, end: l.to, ...(l.drawn ? { drawn: l.drawn } : l.repaired ? { drawn: 'repaired' as const } : {}) });
  const horizontals = chainDashes(horizontalDashes, clean.h, { minPiece: px(ocrSettings.minRuleRunShare), maxGap: px(ocrSettings.longRuleRepairGapShare), minInk: ocrSettings.minLongRuleInkShare });
  if (!broken(horizontalDashes, horizontals)) {
    // Rules drawn whole: every run as long as a rule must be is one, as found.
    const solid = (list: Dash[]) => list.filter((d) => d.to - d.from >= px(ocrSettings.minRuleRunShare)).map((d) => ({ ...d, repaired: false }));
    const [h, v] = [solid(horizontalDashes), solid(verticalDashes)];
    const corners = carryToCorners(h, v, clean);
    return [...h.map(edge('h')), ...corners.h.map(edge('h')), ...v.map(edge('v')), ...corners.v.map(edge('v'))];
  }
  const verticals = chainDashes(verticalDashes, clean.v, { minPiece: px(ocrSettings.minDashShare), maxGap: px(ocrSettings.ruleRepairGapShare), minInk: ocrSettings.minRuleInkShare });
  const { h, v } = acceptRules(horizontals, verticals, clean);
  const columns = completeColumns(h, v, verticals, clean.v, textBeside(image, inkLevel));
  const rows = completeRows(h, columns, clean.h);
  const corners = carryToCorners(rows, columns, clean);
  return [...rows.map(edge('h')), ...corners.h.map(edge('h')), ...columns.map(edge('v')), ...corners.v.map(edge('v'))];
}

/**
 * A table's border that stops while the rules running to it go on ending
 * on its line: the border is there, lost (a skewed sheet's corner ran off the
 * scanner's glass, a fax dropped its end). Each border rule is carried on,
 * step by step over clean paper, to the next long rule across it that ends
 * on its line (within `ruleEndGapShare`), no step longer than
 * `longRuleRepairGapShare`, where the table goes on beside it (another rule
 * along its axis spans the step: two tables stacked with the same width
 * have a gap no rule spans); a rule that runs on across the line, or a step
 * over text, stops it. The pieces added are repaired rules of their own.
 */
export function carryToCorners(horizontal: Line[], vertical: Line[], clean: { h: (at: number, from: number, to: number) => boolean; v: (at: number, from: number, to: number) => boolean }): { h: Line[]; v: Line[] } {
  const endGap = px(ocrSettings.ruleEndGapShare);
  const slack = px(ocrSettings.maxRuleThicknessShare);
  const maxStep = px(ocrSettings.longRuleRepairGapShare);
  const long = (l: Line) => l.to - l.from >= px(ocrSettings.minRepairedRuleShare);
  const carry = (lines: Line[], across: Line[], isClean: (at: number, from: number, to: number) => boolean): Line[] => {
    const crossing = across.filter(long);
    const out: Line[] = [];
    for (const l of lines.filter(long)) {
      // Rules across the line's axis beyond each of its ends: do they end on it, or run on across it?
      const endsOn = (o: Line) => Math.abs(o.to - l.at) <= endGap || Math.abs(o.from - l.at) <= endGap;
      const runsAcross = (o: Line) => o.from < l.at - endGap && o.to > l.at + endGap;
      for (const direction of [1, -1] as const) {
        const start = direction === 1 ? l.to : l.from;
        const beyond = crossing
          .filter((o) => (o.at - start) * direction > slack && (endsOn(o) || runsAcross(o)))
          .sort((p, q) => (p.at - q.at) * direction);
        // The table goes on there: another rule along the line's axis, which the rule stepped to meets, spans the step
        // (between two tables stacked with the same width, every rule of the first stops where the gap begins).
        const tableGoesOn = (o: Line, from: number, to: number) =>
          lines.some((m) => m !== l && long(m) && Math.abs(m.at - l.at) > endGap && m.from <= from + slack && m.to >= to - slack && m.at >= o.from - endGap && m.at <= o.to + endGap);
        let reach = start;
        for (const o of beyond) {
          const [from, to] = [Math.min(reach, o.at), Math.max(reach, o.at)];
          if (runsAcross(o) || to - from > maxStep || !isClean(l.at, from, to) || !tableGoesOn(o, from, to)) break;
          reach = o.at;
        }
        if (reach !== start) out.push({ at: l.at, from: Math.min(start, reach), to: Math.max(start, reach), repaired: true });
      }
    }
    return out;
  };
  return { h: carry(horizontal, vertical, clean.h), v: carry(vertical, horizontal, clean.v) };
}

/**
 * Whether the page's rules are broken (a fax-like scan): more of the ink of
 * its long horizontal lines lies in pieces that must be joined over wide
 * gaps (`brokenGapShare`) than in unbroken runs. Only then are rules repaired: on a page whose rules are
 * whole, lines pieced together are strokes of characters, and repairing
 * them would cut cells where there are none.
 */
function broken(dashes: Dash[], chains: Line[]): boolean {
  const long = px(ocrSettings.minRepairedRuleShare);
  const whole = dashes.filter((d) => d.to - d.from >= long).reduce((s, d) => s + d.to - d.from, 0);
  // Gaps no wider than the lattice bridges anyway (noise, a crossing) do not make a rule broken.
  const pieces = chains.filter((l) => l.repaired && l.to - l.from >= long && (l.widestGap ?? 0) > px(ocrSettings.brokenGapShare));
  const pieced = pieces.reduce((s, l) => s + l.to - l.from, 0);
  // Strokes of a text page line up into a few short lines; a table's broken rules run across it, several of them.
  return pieced > whole && pieces.filter((l) => l.to - l.from >= px(ocrSettings.minBrokenTableShare)).length >= 2;
}
