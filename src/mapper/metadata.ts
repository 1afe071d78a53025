/** The report's title, agency and year, read from the document (never from the file name). */
import type { Block, DocumentMeta, TextBlock } from '../model/layout.js';
import { simplify } from '../text/normalize.js';

export interface ReportMeta {
  title: string | null;
  agency: string | null;
  year: number | null;
}

/**
 * <agency><year>年(度)<…>政府信息公开(工作)(年度)报告, or <year>年(度)<agency>政府信息公开…;
 * found anywhere in the text (OCR runs a page header into the title), the
 * agency reaching back from the year to the nearest separator; a field label
 * such as 标题： and CMS separators such as _ | are not part of it.
 */
const titlePattern =
  /(?:^|[\s:：>》|_。，,；;])(?:关于)?(?:标题[:：])?([^\s:：>》|_。，,；;]{0,40}?)((?:19|20)\d{2})\s*年度?([^_|。，,；;]*)(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)/d;

/** A date as CMS lists print it after a linked title: 2021-01-23, 2021.1.23, 2021/01/23. */
const listingDate = /^\s*[\[(（【]?(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}/;

export function parseTitle(text: string): ReportMeta | undefined {
  // Spaces around the year are typesetting ("2024 年"); other spaces separate the title from what OCR ran into it.
  const printed = text.replace(/[\s\u3000]+(?=[\d年])|(?<=[\d年])[\s\u3000]+/g, '').replace(/[\s\u3000]+/g, ' ');
  // Matched on simplified text (titles of mirrored pages are traditional), sliced from the printed one.
  const simplified = simplify(printed);
  const m = titlePattern.exec(simplified);
  if (!m?.indices) return undefined;
  // A title with its publication date run on (「…年度报告2021-01-23」) is an entry of a list of links (a CMS
  // footer's earlier reports), not the title of this document.
  if (listingDate.test(simplified.slice(m.index + m[0].length))) return undefined;
  const source = simplified.length === printed.length ? printed : simplified;
  const slice = ([from, to]: [number, number], trim: RegExp) => source.slice(from, to).replace(trim, '');
  const agency = slice(m.indices[1]!, /[（(]\d{4}[)）]$/) || slice(m.indices[3]!, /^的|政府$/g);
  return {
    title: source.slice(m.indices[1]![0], m.index + m[0].length),
    agency: agency === '' ? null : agency,
    year: Number(m[2]),
  };
}

const titleSearchBlocks = 40;
/** A title line is short; a paragraph is no half of a title. */
const maxTitleLineLength = 40;

/** Metadata and, where it was read by OCR, how sure that reading is. */
export interface ReadMeta extends ReportMeta {
  confidence?: number;
  /** The agency as the body prints it, one character apart from the title's reading (OCR): one of them is misread. */
  otherReading?: string;
}

/** A string in `text` of the same length as `name` that differs from it in exactly one character (CJK), if any. */
export function oneApart(name: string, text: string): string | undefined {
  if (name.length < 4) return undefined;
  for (let i = 0; i + name.length <= text.length; i++) {
    let differ = 0;
    for (let k = 0; k < name.length && differ <= 1; k++) if (text[i + k] !== name[k]) differ++;
    if (differ === 1) {
      const found = text.slice(i, i + name.length);
      if (/^[\u3400-\u9fff（）()·]+$/.test(found)) return found;
    }
  }
  return undefined;
}

/** An agency name is Chinese: Latin letters, digits or symbols in it are characters OCR made up. */
const plausibleAgency = /^[\u3400-\u9fff（）()·]{2,40}$/;

export function readMetadata(meta: DocumentMeta, blocks: Block[]): ReadMeta {
  const opening = blocks.filter((b) => b.kind === 'text').slice(0, titleSearchBlocks);
  const candidates: Array<{ text: string; confidence?: number }> = [
    ...(meta.titleCandidates ?? []).map((text) => ({ text })),
    ...(meta.title ? [{ text: meta.title }] : []),
    // The title opens the report, after at most a page header and a CMS metadata box.
    ...opening.map((b) => ({ text: b.text, ...(b.confidence !== undefined ? { confidence: b.confidence } : {}) })),
    // A title set on two lines (「2024 年上海市科委政府信息公开工作」「年度报告」), each a block of its own.
    ...opening.slice(0, -1).flatMap((b, i) => {
      const next = opening[i + 1]!;
      if (b.text.length > maxTitleLineLength || next.text.length > maxTitleLineLength) return [];
      const confidence = b.confidence !== undefined || next.confidence !== undefined ? Math.min(b.confidence ?? 1, next.confidence ?? 1) : undefined;
      return [{ text: `${b.text.trim()}${next.text.trim()}`, ...(confidence !== undefined ? { confidence } : {}) }];
    }),
  ];
  for (const candidate of candidates) {
    const parsed = parseTitle(candidate.text);
    if (!parsed) continue;
    if (candidate.confidence === undefined) return parsed;
    // Read by OCR: the engine's doubt, and an agency no agency would be called.
    const implausible = parsed.agency !== null && !plausibleAgency.test(parsed.agency);
    // The body names the agency too: printed there one character apart, one of the two readings is wrong.
    const body = blocks.filter((b): b is TextBlock => b.kind === 'text' && b.text !== candidate.text).map((b) => b.text).join('\n');
    const other = parsed.agency !== null && !body.includes(parsed.agency) ? oneApart(parsed.agency, body) : undefined;
    const confidence = implausible ? Math.min(candidate.confidence, 0.3) : other ? Math.min(candidate.confidence, 0.5) : candidate.confidence;
    return { ...parsed, confidence, ...(other ? { otherReading: other } : {}) };
  }
  return { title: meta.title ?? null, agency: null, year: null };
}
