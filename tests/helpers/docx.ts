/** Builds minimal .docx packages in memory from WordprocessingML fragments, for reader tests. */
import JSZip from 'jszip';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A cell: text, plus optional tcPr content such as <w:gridSpan w:val="2"/> or <w:vMerge w:val="restart"/>. */
export const tc = (text: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${text === '' ? '<w:p/>' : p(text)}</w:tc>`;
export const tr = (cells: string[], trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
export const tbl = (rows: string[], cols: number) => `<w:tbl><w:tblGrid>${'<w:gridCol/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

export async function docx(body: string, parts: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  for (const [name, xml] of Object.entries(parts)) zip.file(name, `<?xml version="1.0" encoding="UTF-8"?>${xml.replace('<w:numbering>', `<w:numbering ${W}>`).replace('<w:styles>', `<w:styles ${W}>`)}`);
  return zip.generateAsync({ type: 'uint8array' });
}
