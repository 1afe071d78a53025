/** The report's title, agency and year, read from the document (never from the file name). */
import type { Block, DocumentMeta } from '../model/layout.js';

export interface ReportMeta {
  title: string | null;
  agency: string | null;
  year: number | null;
}

/**
 * <agency><year>年(度)<…>政府信息公开(工作)(年度)报告, or <year>年(度)<agency>政府信息公开…;
 * separators such as _ | that CMS titles append are not crossed.
 */
const titlePattern = /^(?:关于)?([^_|]*?)((?:19|20)\d{2})\s*年度?([^_|]*)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/;

export function parseTitle(text: string): ReportMeta | undefined {
  const compact = text.replace(/[\s\u3000]+/g, '');
  const m = titlePattern.exec(compact);
  if (!m) return undefined;
  const [title, before, year, between] = m as unknown as [string, string, string, string];
  const agency = (before.replace(/[（(]\d{4}[)）]$/, '') || between.replace(/政府$/, '').replace(/^的/, '')) || null;
  return { title, agency: agency === '' ? null : agency, year: Number(year) };
}

export function readMetadata(meta: DocumentMeta, blocks: Block[]): ReportMeta {
  const candidates = [
    ...(meta.titleCandidates ?? []),
    ...(meta.title ? [meta.title] : []),
    ...blocks
      .slice(0, 12)
      .filter((b) => b.kind === 'text')
      .map((b) => b.text),
  ];
  for (const candidate of candidates) {
    const parsed = parseTitle(candidate);
    if (parsed) return parsed;
  }
  return { title: meta.title ?? null, agency: null, year: null };
}
