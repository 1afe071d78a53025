/**
 * Bytes → text for HTML pages. Government pages come as UTF-8, as GBK /
 * GB2312 / GB18030 declared in a meta tag, as GBK with no declaration at all,
 * and now and then with a declaration that is wrong. Order (stack.md §5):
 * BOM, then the meta declaration checked against the bytes, then strict
 * UTF-8, then GB18030 (a superset of GBK and GB2312).
 */
import type { Problem } from '../../src/model/problems.js';
import { problem } from '../../src/model/problems.js';

export interface DecodedText {
  text: string;
  /** WHATWG name of the encoding used. */
  encoding: string;
  problems: Problem[];
}

/** charset=… in a <meta charset> or <meta http-equiv content> within the first bytes (the HTML spec prescans 1024; CMS pages put comments first, so look further). */
const prescanBytes = 8192;
const metaCharset = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, prescanBytes)).toString('latin1');
  return metaCharset.exec(head)?.[1]?.toLowerCase();
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return undefined; // a label TextDecoder does not know
  }
}

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return decoderFor(label)?.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * `markup: false` for plain text: no meta declaration is looked for (a text
 * that quotes one is not declaring it), and problems speak of a file.
 */
export function decodeHtml(bytes: Uint8Array, { markup = true }: { markup?: boolean } = {}): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', problems: [] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(label).decode(bytes.subarray(2)), encoding: label, problems: [] };
  }
  // A meta tag can only be read because the bytes are ASCII-compatible: one that says UTF-16 is wrong by
  // definition, and the HTML standard reads it as UTF-8.
  const said = markup ? declaredCharset(bytes) : undefined;
  const declared = said && /^utf-?16/.test(said) ? 'utf-8' : said;
  const declaredDecoder = declared ? decoderFor(declared) : undefined;
  if (declared && declaredDecoder) {
    const text = tryDecode(bytes, declared);
    if (text !== undefined) return { text, encoding: declaredDecoder.encoding, problems: [] };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  const [text, encoding] = utf8 !== undefined ? [utf8, 'utf-8'] : [gb18030(bytes), 'gb18030'];
  const why = declared
    ? declaredDecoder
      ? `the page declares ${declared} but its bytes are not valid ${declared}`
      : `the page declares an unknown charset "${declared}"`
    : markup
      ? 'the page declares no charset'
      : 'a text file declares no encoding';
  // An undeclared UTF-8 page is the common case and needs no mention.
  const problems = declared || encoding !== 'utf-8' ? [problem('ENCODING_GUESSED', `${why}; read as ${encoding}`)] : [];
  return { text, encoding, problems };
}

/** GB18030 never fails on bytes; invalid sequences become U+FFFD, which the extractor's sanity check counts. */
function gb18030(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}
