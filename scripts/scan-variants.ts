/**
 * Scanned-report variants the OCR reader was not tuned on, made without
 * LibreOffice or a scanner: pages of a text-layer sample rendered to pixels
 * (pdf.js + canvas) at one density, degraded the way scanners, copiers and
 * phones degrade pages (scripts/scan-degrade.ts), stored as JPEG or as 1-bit
 * CCITT G4 (scripts/ccitt-g4.ts), and wrapped in a PDF that declares a
 * density, the way scanning tools size their pages: no density in the JPEG
 * (96 ppi: pages larger than A4), a declared 72 ppi, the true density, or
 * fitted onto an A4 page with margins. Each variant's truth is the source's
 * truth for the cells on the pages it scans (where the text layer places
 * them). The tests (tests/ocr-variants.test.ts) build them in memory;
 * `npm run samples:variants` writes them with their truth to
 * samples/scan-variants/ for `npm run eval -- --per-file samples/scan-variants`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { openPdf } from '../extractors/pdf/load.js';
import type { Gray } from '../extractors/ocr/image.js';
import { convertBytes } from '../src/pipeline.js';
import type { Truth } from '../src/eval/truth.js';
import { encodeG4 } from './ccitt-g4.js';
import { random } from './fuzz-corpus.js';
import type { Random } from './scan-degrade.js';
import { bilevel, blur, faint, noise, perspective, photocopy, saltAndPepper, turn, twoUp, unevenLight } from './scan-degrade.js';

export interface Variant {
  name: string;
  /** What the variant imitates (README, truth notes). */
  imitates: string;
  /** Pixels per inch the page is rendered at: the scan's true density. */
  scanDpi: number;
  /** How the PDF page is sized: the density it declares, or A4 with the scan fitted inside margins. */
  page: { declaredPpi: number } | { fitA4: true; marginPt: number };
  /** Pages of the source scanned; variantSource.pages when absent. */
  pages?: number[];
  /** Degrees the paper lies askew on the scanner (clockwise). */
  skew?: number;
  /** JPEG quality, 0–100. */
  quality?: number;
  /** What happens to the grey page image after the optics (seeded by the variant's name and the page). */
  degrade?: (image: Gray, rnd: Random) => Gray;
  /** Stored as 1-bit CCITT G4 after an office scanner's threshold, instead of JPEG. */
  bilevel?: { blur: number; noise: number; grain: number; threshold: number };
  /** The scanned pages reduced two by two onto landscape sheets of the same size (2-in-1 copy). */
  twoUp?: boolean;
  /** The stored image turned clockwise by this much (the sheet fed sideways or upside down). */
  turn?: 90 | 180 | 270;
  /** With turn: the page's /Rotate turns it back, so viewers show it upright. */
  pageRotate?: boolean;
}

/** The office threshold of the bilevel variants: slight blur, noise, a fixed level (archive G4 scans like d045). */
const office = { blur: 0.5, noise: 24, grain: 2, threshold: 150 };
const mm = (dpi: number, millimetres: number) => Math.round((millimetres * dpi) / 25.4);

/** Densities and page sizes: the table pages of the source, JPEG, any declared density. */
export const densityVariants: Variant[] = [
  { name: 'declared-72', imitates: 'JPEG scan whose PDF declares 72 ppi', scanDpi: 200, page: { declaredPpi: 72 } },
  { name: 'declared-96', imitates: 'JPEG without density (96 ppi assumed)', scanDpi: 150, page: { declaredPpi: 96 } },
  { name: 'declared-150', imitates: 'true density, 0.7° askew', scanDpi: 150, page: { declaredPpi: 150 }, skew: 0.7 },
  { name: 'declared-200', imitates: 'true density, JPEG 60', scanDpi: 200, page: { declaredPpi: 200 }, quality: 60 },
  { name: 'declared-300', imitates: 'true density', scanDpi: 300, page: { declaredPpi: 300 } },
  { name: 'fitted-a4', imitates: 'scan fitted onto A4 with margins, −0.5°', scanDpi: 200, page: { fitA4: true, marginPt: 40 }, skew: -0.5 },
  { name: 'oversize-low', imitates: '120 dpi scan declared 50 ppi', scanDpi: 120, page: { declaredPpi: 50 } },
];

/** What archives hold (issue 21): one table page each (two for two-up), to keep OCR time low in the tests. */
export const archiveVariants: Variant[] = [
  ...([100, 150, 200, 300] as const).map(
    (dpi): Variant => ({ name: `bilevel-${dpi}`, imitates: `office bilevel scan, 1-bit CCITT G4 at ${dpi} dpi: hairlines broken into dashes`, scanDpi: dpi, page: { declaredPpi: dpi }, pages: [3], bilevel: office }),
  ),
  {
    name: 'photocopy',
    imitates: 'photocopy with the lid open: dark ragged borders, two punch holes',
    scanDpi: 200,
    page: { declaredPpi: 200 },
    pages: [3],
    degrade: (image, rnd) => noise(photocopy(image, { band: mm(200, 6), hole: mm(200, 6) }, rnd), 6, rnd),
  },
  { name: 'rotate-90', imitates: 'sheet fed sideways: page image turned 90° clockwise', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], turn: 90 },
  { name: 'rotate-180', imitates: 'sheet fed upside down', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], turn: 180 },
  { name: 'rotate-90-page', imitates: 'image stored turned 90°, page /Rotate 270 shows it upright', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], turn: 90, pageRotate: true },
  { name: 'skew-3', imitates: 'paper 3° askew', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], skew: 3 },
  { name: 'skew-5', imitates: 'paper 5° askew (anticlockwise)', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], skew: -5 },
  { name: 'two-up', imitates: 'two pages side by side on one landscape sheet (2-in-1 copy)', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3, 4], twoUp: true },
  {
    name: 'phone-photo',
    imitates: 'phone photo: perspective, light falling to 55 % across the page, blur, JPEG 75',
    scanDpi: 200,
    page: { declaredPpi: 200 },
    pages: [3],
    quality: 75,
    degrade: (image, rnd) => {
      const { width: w, height: h } = image;
      // The phone held lower than the page's middle and turned a little: the top edge is shorter and tilted.
      const corners: Array<[number, number]> = [
        [0.1 * w, 0.06 * h],
        [0.95 * w, 0.09 * h],
        [1.04 * w, 1.0 * h],
        [0.03 * w, 1.03 * h],
      ];
      return noise(blur(unevenLight(perspective(image, corners, Math.round(1.08 * w), Math.round(1.08 * h), 90), 0.55), 0.8), 4, rnd);
    },
  },
  { name: 'salt-and-pepper', imitates: 'dust and speckle: 1 % of pixels black or white', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], quality: 90, degrade: (image, rnd) => saltAndPepper(image, 0.01, rnd) },
  { name: 'faint-grey', imitates: 'faint print: ink at 30 % contrast (black prints as light grey)', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], degrade: (image, rnd) => noise(faint(image, 0.3), 3, rnd) },
  { name: 'jpeg-q20', imitates: 'JPEG quality 20', scanDpi: 200, page: { declaredPpi: 200 }, pages: [3], quality: 20 },
];

export const variants: Variant[] = [...densityVariants, ...archiveVariants];

/** One stored page image: JPEG (RGB) or 1-bit CCITT G4; `rotate` is the page's /Rotate. */
export interface ScanImage {
  filter: 'DCTDecode' | 'CCITTFaxDecode';
  bytes: Uint8Array;
  width: number;
  height: number;
  rotate?: number;
}

/** FNV-1a of a string: the seed of a variant's page. */
function seed(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}

/** Luminance, so that coloured print (blue links) stays as dark as a scanner sees it. */
function canvasGray(ctx: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }, width: number, height: number): Gray {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
  return { width, height, data };
}

function jpegOfGray(image: Gray, quality: number): Uint8Array {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(image.width, image.height);
  for (let j = 0, i = 0; j < image.data.length; j++, i += 4) {
    pixels.data[i] = pixels.data[i + 1] = pixels.data[i + 2] = image.data[j]!;
    pixels.data[i + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.toBuffer('image/jpeg', quality);
}

/** Pages (1-based) of a PDF rendered as a scanner would deliver them: one image per page, or per two pages (twoUp). */
export async function scanPages(pdf: Uint8Array, pages: number[], variant: Variant): Promise<ScanImage[]> {
  const task = openPdf(pdf);
  try {
    const doc = await task.promise;
    // A 2-in-1 copy reduces each page to fit half of a sheet of the same size turned landscape.
    const reduce = variant.twoUp ? Math.SQRT1_2 : 1;
    const grays: Gray[] = [];
    const plain: ScanImage[] = [];
    for (const n of pages) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: (variant.scanDpi * reduce) / 72 });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const flat = createCanvas(width, height);
      const ctx = flat.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      await page.render({ canvasContext: ctx as never, viewport, canvas: flat as never }).promise;
      const scan = createCanvas(width, height);
      const sctx = scan.getContext('2d');
      sctx.fillStyle = '#ffffff';
      sctx.fillRect(0, 0, width, height);
      sctx.translate(width / 2, height / 2);
      sctx.rotate(((variant.skew ?? 0) * Math.PI) / 180);
      sctx.drawImage(flat, -width / 2, -height / 2);
      if (!variant.degrade && !variant.bilevel && !variant.twoUp && !variant.turn) plain.push({ filter: 'DCTDecode', bytes: scan.toBuffer('image/jpeg', variant.quality ?? 85), width, height });
      else grays.push(canvasGray(sctx, width, height));
    }
    if (plain.length > 0) return plain;
    const sheets: Gray[] = [];
    if (variant.twoUp) {
      // The sheet: the page size at the scan's density, landscape.
      const [w, h] = [Math.round(grays[0]!.height / reduce), Math.round(grays[0]!.width / reduce)];
      for (let i = 0; i < grays.length; i += 2) sheets.push(twoUp(grays[i]!, grays[i + 1] ?? { width: 0, height: 0, data: new Uint8Array() }, Math.max(w, h), Math.min(w, h)));
    } else sheets.push(...grays);
    return sheets.map((sheet, i) => {
      const rnd = random(seed(`${variant.name}:${i}`));
      let image = variant.degrade ? variant.degrade(sheet, rnd) : sheet;
      if (variant.turn) image = turn(image, variant.turn);
      const rotate = variant.turn && variant.pageRotate ? (360 - variant.turn) % 360 : undefined;
      const stored: ScanImage = variant.bilevel
        ? { filter: 'CCITTFaxDecode', bytes: encodeG4(bilevel(image, variant.bilevel, rnd), image.width, image.height), width: image.width, height: image.height }
        : { filter: 'DCTDecode', bytes: jpegOfGray(image, variant.quality ?? 85), width: image.width, height: image.height };
      return rotate === undefined ? stored : { ...stored, rotate };
    });
  } finally {
    await task.destroy();
  }
}

const a4: [number, number] = [595.28, 841.89];

/** A PDF whose pages each show one image (JPEG or G4), sized as the variant says; nothing else on the page. */
export function scanPdf(images: ScanImage[], variant: Variant): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (data: string | Uint8Array) => {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
    chunks.push(buffer);
    length += buffer.length;
  };
  const object = (id: number, body: () => void) => {
    offsets[id] = length;
    write(`${id} 0 obj\n`);
    body();
    write('\nendobj\n');
  };
  write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageIds = images.map((_, i) => 3 + 3 * i);
  object(1, () => write('<< /Type /Catalog /Pages 2 0 R >>'));
  object(2, () => write(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${images.length} >>`));
  images.forEach((image, i) => {
    const [pageId, contentId, imageId] = [pageIds[i]!, pageIds[i]! + 1, pageIds[i]! + 2];
    let size: [number, number];
    let place: [number, number, number, number];
    if ('declaredPpi' in variant.page) {
      size = [(image.width * 72) / variant.page.declaredPpi, (image.height * 72) / variant.page.declaredPpi];
      place = [size[0], size[1], 0, 0];
    } else {
      const margin = variant.page.marginPt;
      const scale = Math.min((a4[0] - 2 * margin) / image.width, (a4[1] - 2 * margin) / image.height);
      const [w, h] = [image.width * scale, image.height * scale];
      size = a4;
      place = [w, h, (a4[0] - w) / 2, (a4[1] - h) / 2];
    }
    const content = `q ${place[0].toFixed(3)} 0 0 ${place[1].toFixed(3)} ${place[2].toFixed(3)} ${place[3].toFixed(3)} cm /Im0 Do Q`;
    object(pageId, () =>
      write(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0].toFixed(3)} ${size[1].toFixed(3)}]${image.rotate ? ` /Rotate ${image.rotate}` : ''} /Resources << /XObject << /Im0 ${imageId} 0 R >> >> /Contents ${contentId} 0 R >>`),
    );
    object(contentId, () => write(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));
    object(imageId, () => {
      const format =
        image.filter === 'DCTDecode'
          ? '/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode'
          : `/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${image.width} /Rows ${image.height} /BlackIs1 false >>`;
      write(`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} ${format} /Length ${image.bytes.length} >>\nstream\n`);
      write(image.bytes);
      write('\nendstream');
    });
  });
  const xref = length;
  const count = 3 + 3 * images.length;
  write(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) write(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  write(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

/** The source of the variants: a text-layer sample's table pages, and its truth. */
export const variantSource = { pdf: join('samples', 'pdf', 'lo-clean-2021.pdf'), truth: join('samples', 'pdf', 'lo-clean-2021.truth.json'), pages: [2, 3, 4] };

/**
 * What a correct reader reports on a variant besides the source's own problems: the pages are scanned, and
 * page 1 (the title and section 一、总体情况) is not among them, so agency and year cannot be read and
 * section 1 is missing.
 */
export const variantProblems = ['NO_TEXT_LAYER', 'METADATA_MISSING', 'SECTION_MISSING'];

/** The pages a variant scans. */
export const variantPages = (variant: Variant) => variant.pages ?? variantSource.pages;

/**
 * The truth of a scan of some pages of a text-layer source: the source's truth for the cells its text layer
 * places on those pages (the text reader is exact on the source, checked here cell by cell), agency and year
 * left out (the title page is not scanned), and the problems a correct reader then reports: variantProblems,
 * TABLE_MISSING when a table has no cell on those pages, CELL_MISSING when it has only some.
 */
export async function pagesTruth(source: Uint8Array, truth: Truth, pages: number[]): Promise<Truth> {
  const text = await convertBytes(source, 'source.pdf');
  const cells: Truth['cells'] = {};
  const tables = new Map<string, { on: number; off: number }>();
  for (const [key, value] of Object.entries(truth.cells)) {
    const cell = text.cells[key];
    if (cell?.value !== value) throw new Error(`pagesTruth: the source's text layer reads ${key} as ${cell?.value}, its truth says ${value}`);
    const on = cell.source?.page !== undefined && pages.includes(cell.source.page);
    const table = key.split('.')[0]!;
    const count = tables.get(table) ?? { on: 0, off: 0 };
    count[on ? 'on' : 'off']++;
    tables.set(table, count);
    if (on) cells[key] = value;
  }
  const counts = [...tables.values()];
  const expectOtherProblems = [...variantProblems, ...(counts.some((c) => c.on === 0) ? ['TABLE_MISSING'] : []), ...(counts.some((c) => c.on > 0 && c.off > 0) ? ['CELL_MISSING'] : [])];
  return { ...truth, year: undefined, agency: undefined, cells, expectOtherProblems };
}

async function main() {
  const root = process.cwd();
  const out = join(root, 'samples', 'scan-variants');
  mkdirSync(out, { recursive: true });
  const pdf = readFileSync(join(root, variantSource.pdf));
  const truth = JSON.parse(readFileSync(join(root, variantSource.truth), 'utf8')) as Truth;
  for (const variant of variants) {
    const file = `${variant.name}.pdf`;
    const pages = variantPages(variant);
    writeFileSync(join(out, file), scanPdf(await scanPages(pdf, pages, variant), variant));
    const { year: _year, agency: _agency, ...rest } = await pagesTruth(pdf, truth, pages);
    const { degrade: _degrade, ...settings } = variant;
    writeFileSync(
      join(out, `${variant.name}.truth.json`),
      `${JSON.stringify({ ...rest, file, kind: 'scan', notes: [`Pages ${pages.join(', ')} of ${variantSource.pdf} (the cells its text layer places there) rendered at ${variant.scanDpi} dpi by scripts/scan-variants.ts: ${variant.imitates}. ${JSON.stringify(settings)}`] }, null, 2)}\n`,
    );
    process.stdout.write(`${file}\n`);
  }
}

if (process.argv[1]?.endsWith('scan-variants.js')) await main();
