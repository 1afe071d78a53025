/**
 * Hostile files built in code for the hardening tests: images whose header
 * declares more pixels than any page scan has, PDFs drawing such an image,
 * and output folders as they come back from elsewhere (link loops, links out
 * of the folder, reports naming any file as their source).
 */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0, 8 + data.length);
  return out;
}

/** A PNG whose header declares `width` × `height` gray pixels, with next to no pixel data (tens of bytes). */
export function declaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // gray
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(0))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PDF of `pages` pages (A4, or `mediaBox`), page `imagePage` drawing one
 * image whose dictionary declares `width` × `height` 8-bit gray pixels, its
 * data a few hundred bytes of Flate that pdf.js would expand to the declared
 * size; the other pages carry a line of text.
 */
export function pdfWithImage(width: number, height: number, { pages = 1, imagePage = 1, mediaBox = [0, 0, 595, 842] } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) + 0;
  const kids: number[] = [];
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const data = deflateSync(Buffer.alloc(64 * 1024)).toString('latin1');
  for (let p = 1; p <= pages; p++) {
    const content = p === imagePage ? 'q 595 0 0 842 0 0 cm /Im0 Do Q' : 'BT /F1 12 Tf 72 720 Td (page text) Tj ET';
    const contentObj = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const resources = p === imagePage ? `<< /XObject << /Im0 ${objects.length + 2} 0 R >> >>` : '<< /Font << /F1 3 0 R >> >>';
    const pageObj = add(`<< /Type /Page /Parent 2 0 R /MediaBox [${mediaBox.join(' ')}] /Resources ${resources} /Contents ${contentObj} 0 R >>`);
    kids.push(pageObj);
    if (p === imagePage) {
      add(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`);
    }
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
