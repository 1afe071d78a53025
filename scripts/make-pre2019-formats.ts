/**
 * make-pre2019-formats — the pre-2019 reports in the formats they are also
 * published in: for each HTML of ../shared/samples/pre2019 (and
 * ../shared/samples/real/pingtan-2018.html, the same archive's 2018 report),
 * a DOCX and a PDF written by LibreOffice, and two scans of that PDF, each
 * with a copy of the HTML's truth, in samples/pre2019-formats/.
 *
 * Run: npm run samples:pre2019 (= tsc -p . && node dist/scripts/make-pre2019-formats.js).
 * Needs LibreOffice Writer (soffice) and a CJK font (fonts-noto-cjk); the scans
 * need nothing more (pdf.js + canvas, scripts/scan-variants.ts). CI does not
 * run it: the outputs are committed. Idempotent: the folder is rebuilt. The
 * DOCX and PDF bytes change on every run (LibreOffice writes dates), the text
 * does not.
 *
 * Chain, as scripts/make-pdf-samples.ts does it (shared/notes/stack.md §2):
 *  1. The HTML, with every data table ruled: a <table> that holds no other
 *     table and more than one row gets border="1" cellspacing="0" (the
 *     published pages ruled them in CSS, which the transcriptions dropped and
 *     LibreOffice would not read anyway); layout tables (one row, or holding
 *     a table: the one-cell wrapper of pingtan-jjf-2017) stay unruled. Nothing
 *     else changes: text, paragraphs and the table grid are the HTML's (also
 *     what a browser shows of pingtan-2014's header comment, which quotes
 *     "<!--EndFragment-->" and so ends early: the rest of the note is text).
 *  2. soffice --infilter="HTML (StarWriter)" --convert-to docx (Writer, not
 *     Writer/Web: an A4 document with page margins, as a desk would save it).
 *  3. soffice --convert-to pdf of that DOCX: the PDF is the printed DOCX.
 *  4. Scans of every page of the PDF with scanPages/scanPdf of
 *     scripts/scan-variants.ts: 200 dpi grey JPEG (quality 60, declared
 *     200 ppi) and the office bilevel variant at 200 dpi (1-bit CCITT G4).
 *
 * Checked before anything is written: the text of the DOCX (its w:t runs)
 * and of the PDF (pdftotext), spaces removed, must hold every table row label
 * and column header of the truth; so LibreOffice dropped no
 * row. The truth of each output is the HTML's truth, with `file` set to the
 * output, `kind` (pdf-libreoffice, docx-libreoffice, scan, scan-bilevel; the
 * eval tells scans by it) and `madeFrom` (source and chain) added; a scan's
 * expectOtherProblems (where the truth has that list) gets NO_TEXT_LAYER.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import { openPdf } from '../extractors/pdf/load.js';
import { repoRoot } from '../src/eval/truth.js';
import { archiveVariants, scanPages, scanPdf, type Variant } from './scan-variants.js';

const root = repoRoot();
const shared = join(root, '..', 'shared', 'samples');
const outDir = join(root, 'samples', 'pre2019-formats');
/** The committed set must stay small (the brief: < 15 MB). */
const maxTotalBytes = 15_000_000;

/** The HTML reports and their truth: the pre2019 set, and the 2018 report of the same archive kept among the real ones. */
function sources(): Array<{ html: string; truth: string }> {
  const dir = join(shared, 'pre2019');
  const names = readdirSync(dir).filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.truth.json'))));
  const files = [...names.map((f) => join(dir, f)), join(shared, 'real', 'pingtan-2018.html')];
  return files.map((html) => ({ html, truth: html.replace(/\.html$/, '.truth.json') }));
}

const grey: Variant = { name: 'scan-200', imitates: 'desk scan, 200 dpi grey, JPEG 60', scanDpi: 200, page: { declaredPpi: 200 }, quality: 60 };
const bilevel: Variant = archiveVariants.find((v) => v.name === 'bilevel-200')!;

/** Data tables ruled, layout tables left alone (see the header). */
export function ruleTables(html: string): string {
  const $ = cheerio.load(html);
  $('table').each((_, table) => {
    const t = $(table);
    if (t.find('table').length > 0 || t.find('tr').length < 2) return;
    t.attr('border', '1').attr('cellspacing', '0');
  });
  return $.html();
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

const squeeze = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, '');

/**
 * Every row label and column header of the truth's tables missing from `text`, taken piece by piece where
 * the truth has a space (a header cell of two paragraphs, 计量 / 单位, is printed around its neighbours').
 */
function missingFromText(truth: Record<string, unknown>, text: string): string[] {
  const flat = squeeze(text);
  const tables = (truth['tables'] ?? []) as Array<{ columns: string[]; rows: Array<{ label: string }> }>;
  const wanted = tables.flatMap((t) => [...t.rows.map((r) => r.label), ...t.columns]);
  return wanted.filter((w) => w.split(/[\s\u00a0\u3000]+/).some((piece) => !flat.includes(piece)));
}

async function docxText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  const task = openPdf(pdf);
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}

function writeTruth(truth: Record<string, unknown>, file: string, kind: string, from: string, chain: string): void {
  const { file: _file, ...rest } = truth;
  const scanned = kind.startsWith('scan') && Array.isArray(rest['expectOtherProblems']);
  const copy = {
    file,
    kind,
    ...rest,
    ...(scanned ? { expectOtherProblems: [...new Set([...(rest['expectOtherProblems'] as string[]), 'NO_TEXT_LAYER'])] } : {}),
    madeFrom: { file: from, generator: 'scripts/make-pre2019-formats.ts', chain },
  };
  // Named after the whole file name: the DOCX and the PDF of one report share its stem.
  writeFileSync(join(outDir, `${file}.truth.json`), `${JSON.stringify(copy, null, 1)}\n`);
}

async function main() {
  const missing = ['soffice', 'pdftotext'].filter((tool) => spawnSync(tool, ['--version']).error);
  if (missing.length > 0) throw new Error(`make-pre2019-formats: missing ${missing.join(', ')} (apt-get install libreoffice-writer poppler-utils)`);
  if (!/noto (serif|sans) cjk|wenquanyi/i.test(run('fc-list', [':lang=zh', 'family']))) throw new Error('make-pre2019-formats: no CJK font (apt-get install fonts-noto-cjk)');
  const lo = run('soffice', ['--version']).trim();
  const work = mkdtempSync(join(tmpdir(), 'pre2019-formats-'));
  const profile = `-env:UserInstallation=file://${join(work, 'profile')}`;
  const soffice = (args: string[]) => run('soffice', [profile, '--headless', '--norestore', ...args]);
  try {
    const list = sources();
    mkdirSync(join(work, 'html'));
    for (const { html } of list) writeFileSync(join(work, 'html', basename(html)), ruleTables(readFileSync(html, 'utf8')));
    const ruled = list.map(({ html }) => join(work, 'html', basename(html)));
    soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(work, 'docx'), ...ruled]);
    soffice(['--convert-to', 'pdf:writer_pdf_Export', '--outdir', join(work, 'pdf'), ...list.map(({ html }) => join(work, 'docx', basename(html, '.html') + '.docx'))]);

    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    for (const { html, truth: truthPath } of list) {
      const name = basename(html, '.html');
      const from = relative(root, html);
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, unknown>;
      const docx = join(work, 'docx', `${name}.docx`);
      const pdfPath = join(work, 'pdf', `${name}.pdf`);
      const lost = { docx: missingFromText(truth, await docxText(docx)), pdf: missingFromText(truth, run('pdftotext', [pdfPath, '-'])) };
      for (const [format, labels] of Object.entries(lost))
        if (labels.length > 0) throw new Error(`make-pre2019-formats: the ${format} of ${name} lacks ${labels.join(' | ')}`);
      const pdf = readFileSync(pdfPath);
      writeFileSync(join(outDir, `${name}.docx`), readFileSync(docx));
      writeFileSync(join(outDir, `${name}.pdf`), pdf);
      const base = `${from}: data tables ruled (border="1" cellspacing="0") → soffice --infilter="HTML (StarWriter)" --convert-to docx (${lo})`;
      writeTruth(truth, `${name}.docx`, 'docx-libreoffice', from, base);
      writeTruth(truth, `${name}.pdf`, 'pdf-libreoffice', from, `${base} → soffice --convert-to pdf`);
      const pages = Array.from({ length: await pageCount(pdf) }, (_, i) => i + 1);
      for (const variant of [grey, bilevel]) {
        const file = `${name}.${variant.name}.pdf`;
        writeFileSync(join(outDir, file), scanPdf(await scanPages(pdf, pages, variant), variant));
        writeTruth(truth, file, variant.bilevel ? 'scan-bilevel' : 'scan', from, `${base} → soffice --convert-to pdf → every page (${pages.length}) scanned by scripts/scan-variants.ts: ${variant.imitates}`);
      }
      process.stdout.write(`${name}: ${pages.length} pages\n`);
    }
    const total = readdirSync(outDir).reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0);
    process.stdout.write(`samples/pre2019-formats: ${readdirSync(outDir).length} files, ${(total / 1e6).toFixed(2)} MB\n`);
    if (total > maxTotalBytes) throw new Error(`make-pre2019-formats: ${total} bytes, over ${maxTotalBytes}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('make-pre2019-formats.js')) await main();
