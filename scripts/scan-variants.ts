/**
 * Scanned-report variants the OCR reader was not tuned on, made without
 * LibreOffice or a scanner: pages of a text-layer sample rendered to pixels
 * (pdf.js + canvas) at one density, JPEG-compressed, and wrapped in a PDF
 * that declares another one, the way scanning tools size their pages: no
 * density in the JPEG (96 ppi: pages larger than A4), a declared 72 ppi,
 * the true density, or fitted onto an A4 page with margins. The tests
 * (tests/ocr-variants.test.ts) build them in memory; `npm run samples:variants`
 * writes them with their truth to samples/scan-variants/ for `npm run eval`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { openPdf } from '../extractors/pdf/load.js';

export interface Variant {
  name: string;
  /** Pixels per inch the page is rendered at: the scan's true density. */
  scanDpi: number;
  /** How the PDF page is sized: the density it declares, or A4 with the scan fitted inside margins. */
  page: { declaredPpi: number } | { fitA4: true; marginPt: number };
  /** Degrees the paper lies askew on the scanner (clockwise). */
  skew?: number;
  /** JPEG quality, 0–100. */
  quality?: number;
}

export const variants: Variant[] = [
  { name: 'declared-72', scanDpi: 200, page: { declaredPpi: 72 } },
  { name: 'declared-96', scanDpi: 150, page: { declaredPpi: 96 } },
  { name: 'declared-150', scanDpi: 150, page: { declaredPpi: 150 }, skew: 0.7 },
  { name: 'declared-200', scanDpi: 200, page: { declaredPpi: 200 }, quality: 60 },
  { name: 'declared-300', scanDpi: 300, page: { declaredPpi: 300 } },
  { name: 'fitted-a4', scanDpi: 200, page: { fitA4: true, marginPt: 40 }, skew: -0.5 },
  { name: 'oversize-low', scanDpi: 120, page: { declaredPpi: 50 } },
];

interface Jpeg {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Pages (1-based) of a PDF rendered as a scanner would deliver them. */
export async function scanPages(pdf: Uint8Array, pages: number[], variant: Variant): Promise<Jpeg[]> {
  const task = openPdf(pdf);
  try {
    const doc = await task.promise;
    const out: Jpeg[] = [];
    for (const n of pages) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: variant.scanDpi / 72 });
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
      out.push({ bytes: scan.toBuffer('image/jpeg', variant.quality ?? 85), width, height });
    }
    return out;
  } finally {
    await task.destroy();
  }
}

const a4: [number, number] = [595.28, 841.89];

/** A PDF whose pages each show one JPEG, sized as the variant says; nothing else on the page. */
export function scanPdf(images: Jpeg[], variant: Variant): Uint8Array {
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
      write(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0].toFixed(3)} ${size[1].toFixed(3)}] /Resources << /XObject << /Im0 ${imageId} 0 R >> >> /Contents ${contentId} 0 R >>`),
    );
    object(contentId, () => write(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));
    object(imageId, () => {
      write(`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${image.bytes.length} >>\nstream\n`);
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

async function main() {
  const root = process.cwd();
  const out = join(root, 'samples', 'scan-variants');
  mkdirSync(out, { recursive: true });
  const pdf = readFileSync(join(root, variantSource.pdf));
  const truth = JSON.parse(readFileSync(join(root, variantSource.truth), 'utf8')) as Record<string, unknown>;
  for (const variant of variants) {
    const file = `${variant.name}.pdf`;
    writeFileSync(join(out, file), scanPdf(await scanPages(pdf, variantSource.pages, variant), variant));
    // Pages 2–4 hold the tables; the title page is not scanned, so agency and year are not asserted.
    const { year: _year, agency: _agency, ...rest } = truth;
    writeFileSync(
      join(out, `${variant.name}.truth.json`),
      `${JSON.stringify({ ...rest, file, kind: 'scan', expectOtherProblems: variantProblems, notes: [`Pages ${variantSource.pages.join(', ')} of ${variantSource.pdf} rendered at ${variant.scanDpi} dpi by scripts/scan-variants.ts: ${JSON.stringify(variant)}`] }, null, 2)}\n`,
    );
    process.stdout.write(`${file}\n`);
  }
}

if (process.argv[1]?.endsWith('scan-variants.js')) await main();
