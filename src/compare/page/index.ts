/**
 * `writeComparePage`: a CompareData → one self-contained HTML file that works
 * from file:// (every script and style inline), and a folder beside it
 * (`<name>.files/`) with the page images and one small script per report
 * that the viewer loads on demand (file:// pages cannot fetch()).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { severities } from '../../model/problems.js';
import type { Report } from '../../model/report.js';
import { preferredVersions } from '../cross-checks.js';
import { groupFigureKeys } from '../figures.js';
import type { CompareData, CompareReport } from '../model.js';
import { type SourceBytes, readSource } from '../source-path.js';
import { crossProblemCodes, figureKeys } from '../model.js';
import { pageAssets } from './assets.js';
import { buildDetail, referencedPlaces } from './detail.js';
import { pageHtml } from './html.js';
import type { RenderedPages } from './page-images.js';
import { renderImagePage, renderPdfPages } from './page-images.js';

export interface ComparePageOptions {
  /** Reads the report JSON behind a CompareReport (an export keeps it elsewhere); default: read `jsonPath` as JSON. */
  loadReport?: (report: CompareReport) => Promise<Report | null>;
  /** Called after each report's detail is written (page rendering can take minutes for many scans). */
  onProgress?: (done: number, total: number) => void;
  /** The page's title. */
  title?: string;
}

export interface ComparePageSummary {
  htmlFile: string;
  filesDir: string;
  details: number;
  pageImages: number;
  /** Reports whose source file was not found: their viewer says so. */
  sourcesMissing: number;
}

/** Marks a files folder as ours, so a later run may replace it and never someone else's folder. */
const folderMark = '.govreport-compare';

export const filesDirName = (outFile: string) => `${basename(outFile).replace(/\.html?$/i, '')}.files`;

async function readReportJson(report: CompareReport): Promise<Report | null> {
  return JSON.parse(await readFile(report.jsonPath, 'utf8')) as Report;
}

export async function writeComparePage(data: CompareData, outFile: string, options: ComparePageOptions = {}): Promise<ComparePageSummary> {
  const loadReport = options.loadReport ?? readReportJson;
  const dirName = filesDirName(outFile);
  const filesDir = join(dirname(outFile), dirName);
  if (existsSync(filesDir)) {
    if (!existsSync(join(filesDir, folderMark))) throw new Error(`${filesDir} exists and was not written by govreport compare; move it away or choose another -o`);
    await rm(filesDir, { recursive: true, force: true });
  }
  await mkdir(join(filesDir, 'detail'), { recursive: true });
  await mkdir(join(filesDir, 'pages'), { recursive: true });
  await writeFile(join(filesDir, folderMark), 'written by govreport compare; replaced by the next run\n');

  // Reports that are one JSON (synthetic copies, one export row seen twice) share one detail file.
  const detailByJson = new Map<string, number>();
  const detailOf: Array<number | null> = [];
  // Files with the same bytes are drawn once.
  const renderedBySource = new Map<string, RenderedPages>();
  let pageImages = 0;
  let sourcesMissing = 0;
  const total = data.reports.length;
  for (const [i, ref] of data.reports.entries()) {
    const detailKey = ref.jsonPath.endsWith('.json') ? ref.jsonPath : `${ref.jsonPath}#${ref.id}`;
    const known = detailByJson.get(detailKey);
    if (known !== undefined) {
      detailOf.push(known);
      options.onProgress?.(i + 1, total);
      continue;
    }
    let report: Report | null = null;
    try {
      report = await loadReport(ref);
    } catch {
      report = null;
    }
    if (!report) {
      detailOf.push(null);
      options.onProgress?.(i + 1, total);
      continue;
    }
    const source: SourceBytes =
      ref.sourcePath === null ? { refused: `the source file ${report.source.file} was not found on this machine when the page was made` } : await readSource(ref.sourcePath, ref.sha256);
    if ('refused' in source) sourcesMissing++;
    let rendered: RenderedPages | undefined;
    if ('bytes' in source && (report.source.format === 'pdf' || report.source.format === 'image')) {
      // Shown sources match the report's sha256: files with the same bytes are drawn once.
      const key = ref.sha256!;
      rendered = renderedBySource.get(key);
      if (!rendered) {
        const name = key.slice(0, 16);
        const pagesDir = join(filesDir, 'pages');
        const places = referencedPlaces(report);
        rendered =
          report.source.format === 'pdf'
            ? await renderPdfPages(source.bytes, places.pages, pagesDir, name, `${dirName}/pages`)
            : await renderImagePage(source.bytes, pagesDir, name, `${dirName}/pages`);
        pageImages += rendered.pages.size;
        renderedBySource.set(key, rendered);
      }
    }
    const detail = await buildDetail(report, ref, rendered, source);
    const n = detailByJson.size;
    detailByJson.set(detailKey, n);
    await writeFile(join(filesDir, 'detail', `${n}.js`), `govreportDetail(${n}, ${JSON.stringify(detail)});\n`);
    detailOf.push(n);
    options.onProgress?.(i + 1, total);
  }

  const title = options.title ?? `政府信息公开年度报告 — ${data.reports.length} reports compared`;
  // Where files lie on this machine is for the viewer's detail, not for every row of the page (a third of its size at 10,000 reports).
  const reports = data.reports.map(({ jsonPath: _json, sourcePath: _source, ...shown }) => shown);
  // The version that stands for its agency and year (one bar per agency in the peer chart), by report index.
  const preferred = preferredVersions(data.reports);
  const preferredVersion = data.reports.map((r) => preferred.has(r));
  const pageData = { ...data, reports, detailOf, filesDir: dirName, figureKeys, groupFigureKeys, crossProblemCodes, severities, preferredVersion };
  const html = pageHtml(title, pageData, pageAssets());
  await writeFile(outFile, html);
  return { htmlFile: outFile, filesDir, details: detailByJson.size, pageImages, sourcesMissing };
}

