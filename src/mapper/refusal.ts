/**
 * Whether a document is an information-disclosure annual report at all. A
 * report of any era has a body: the six sections, or sentences that state the
 * year's work with its counts. A title alone is no report (a CMS list page, a
 * page that repeats a report's title in its breadcrumb and related links, an
 * attachment page), and a document of another kind that names the same things
 * (a budget, a disclosure guide, a catalogue, a notice about the report) is
 * told by its own title and vocabulary (mappings/document-kinds.ts) when they
 * outweigh what it has of a report. Standard tables always make a report.
 */
import type { DocumentKind, EvidenceTerm } from '../../mappings/document-kinds.js';
import { minOtherEvidence, otherKinds, reportBodyTerms, reportNamed, reportTitle, titleWeight } from '../../mappings/document-kinds.js';
import type { Block, DocumentMeta } from '../model/layout.js';
import { blockText } from '../model/layout.js';
import { simplify } from '../text/normalize.js';

/** Longer than any title line; a block this long is the body's first paragraph. */
const maxTitleLine = 60;
/** How many short blocks at the head of a document may make up its title (agency, year and name on lines of their own). */
const titleLines = 6;

/**
 * Page furniture at a document's head that is no title: a menu (several words separated by spaces; a title set
 * in spaced single characters is none), a breadcrumb, a list entry with its date, a line of publication details.
 */
const furniture = /当前位置|[>»›]|(?:\S{2,}[ \u3000]+){3,}\S{2}|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\s*$|发布时间|浏览次数|来源[:：]/;

/** Texts that may be the document's own title: the container's title, and the short blocks it opens with (alone and joined). */
function titleCandidates(meta: DocumentMeta, blocks: Block[]): string[] {
  const head: string[] = [];
  for (const block of blocks.slice(0, titleLines)) {
    if (block.kind !== 'text' || block.text.trim().length > maxTitleLine) break;
    if (!furniture.test(block.text.trim())) head.push(block.text.trim());
  }
  // A page's <title> runs on with the column and the site (「…年度报告_政府信息公开年报_某某政府」).
  const container = [meta.title, ...(meta.titleCandidates ?? [])].filter((t): t is string => !!t).map((t) => t.split(/[_|｜]/)[0]!);
  return [...container, ...head, head.join('')].filter((t) => t.trim() !== '').map(simplify);
}

function termsFound(terms: EvidenceTerm[], text: string): string[] {
  return terms
    .filter((t) => {
      if ((t.min ?? 1) <= 1) return t.pattern.test(text);
      const all = new RegExp(t.pattern.source, `${t.pattern.flags.replace('g', '')}g`);
      return (text.match(all)?.length ?? 0) >= t.min!;
    })
    .map((t) => t.name);
}

/** Whether the text names what it is anywhere, title or not: a 政府信息公开 annual report. */
function namesReport(text: string): boolean {
  return reportNamed.every((p) => p.test(text));
}

export interface KindEvidence {
  kind: DocumentKind;
  titled: boolean;
  terms: string[];
  score: number;
}

/** What a document has of a report and of each other kind, for refusal() to weigh. */
export interface Evidence {
  namesReport: boolean;
  reportTitled: boolean;
  sectionsFound: number;
  body: string[];
  report: number;
  others: KindEvidence[];
}

export function weighEvidence(meta: DocumentMeta, blocks: Block[], sectionsFound: number): Evidence {
  const text = simplify(blocks.map(blockText).join('\n'));
  const titles = titleCandidates(meta, blocks);
  const titledOther = (t: string) => otherKinds.some((k) => k.title.test(t));
  const reportTitled = titles.some((t) => !titledOther(t) && reportTitle.test(t));
  const body = termsFound(reportBodyTerms, text);
  const others = otherKinds.map((kind) => {
    const titled = titles.some((t) => kind.title.test(t));
    const terms = termsFound(kind.terms, text);
    return { kind, titled, terms, score: (titled ? titleWeight : 0) + terms.length };
  });
  return { namesReport: namesReport(text), reportTitled, sectionsFound, body, report: (reportTitled ? titleWeight : 0) + sectionsFound + body.length, others };
}

/**
 * Why the document is no annual report, or undefined when it is one.
 * `sectionsFound`: how many of the six sections' headings it has; `hasReportTable`: whether Table 2, 3 or 4, or a pre-2019
 * statistics table of the disclosure indicators, was found (either makes a report).
 */
export function refusal(meta: DocumentMeta, blocks: Block[], sectionsFound: number, hasReportTable: boolean): string | undefined {
  if (hasReportTable) return undefined;
  const { namesReport: names, reportTitled, body, report, others } = weighEvidence(meta, blocks, sectionsFound);
  const lead = 'Not a government information-disclosure annual report';
  const best = others.filter((o) => o.score >= minOtherEvidence && o.score > report).sort((a, b) => b.score - a.score)[0];
  if (best) {
    const evidence = [...(best.titled ? ['its title'] : []), ...best.terms].join(', ');
    const against = [...(reportTitled ? ['a report title'] : []), ...(sectionsFound > 0 ? [`${sectionsFound} of the six section headings`] : []), ...body].join(', ') || 'nothing';
    return `${lead} but ${best.kind.name}: no standard table; what marks it as such (${evidence}) outweighs what it has of a report (${against})`;
  }
  if (sectionsFound === 0 && !names) {
    return `${lead}: no standard table, none of the six sections, and the text never names a 「政府信息公开」 annual report`;
  }
  if (sectionsFound + body.length === 0) {
    return `${lead}: no standard table, none of the six sections, and no statement of a report's body (counts of disclosures, applications, reviews); it only names a report (a title, a heading, links)`;
  }
  return undefined;
}
