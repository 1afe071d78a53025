/**
 * The DOCX reader: the OOXML parts read directly (jszip, @xmldom/xmldom), so
 * that tables keep their true grid and paragraphs keep Word's generated
 * numbering (一、 （一） 1.), which the section headings often are and which
 * mammoth's model does not carry. Provenance: table index, grid row and column.
 */
import type { LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import { listed } from '../../src/model/wording.js';
import { BodyReader, emptyParagraph } from './body.js';
import { Numbering } from './numbering.js';
import { PackageError, openPackage } from './package.js';
import { Styles } from './styles.js';
import { child } from './xml.js';

/** Embedded images above this size are worth a word: they are skipped, never decompressed. */
const notableMediaBytes = 5 * 1024 * 1024;

export async function readDocx(bytes: Uint8Array): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'docx', reader: 'docx', meta: {}, blocks: [], problems: [] };
  let pkg;
  try {
    pkg = await openPackage(bytes);
  } catch (error) {
    if (error instanceof PackageError) {
      layout.problems.push(problem('FILE_UNREADABLE', error.message));
      return layout;
    }
    throw error;
  }
  if (pkg.title) layout.meta.title = pkg.title;
  const reader = new BodyReader({ numbering: new Numbering(pkg.numbering), styles: new Styles(pkg.styles) });
  reader.readContainer(child(pkg.document, 'body') ?? pkg.document);
  layout.blocks = reader.blocks.filter((b) => b !== emptyParagraph);
  if (pkg.macros) layout.problems.push(problem('CONTENT_IGNORED', 'The document contains macros (a macro-enabled .docm); they were not run'));
  const big = pkg.media.filter((m) => m.bytes > notableMediaBytes);
  if (big.length > 0) {
    layout.problems.push(
      problem('CONTENT_IGNORED', `Embedded images not read (text only): ${listed(big, (m) => `${m.name.replace('word/media/', '')} (${Math.round(m.bytes / 2 ** 20)} MB)`)}`),
    );
  }
  return layout;
}
