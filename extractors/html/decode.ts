/**
 * Bytes → text for HTML pages and text files (the one decoder of both).
 * Government pages come as UTF-8, as GBK / GB2312 / GB18030 declared in a meta
 * tag, as GBK with no declaration at all, and now and then with a declaration
 * that is wrong; text exports now and then as UTF-16 without a BOM. Order
 * (stack.md §5): BOM, UTF-16 told by its zero bytes, the meta declaration
 * checked against the bytes, UTF-8 (a few invalid sequences in it are damage,
 * not another encoding), then GB18030 (a superset of GBK and GB2312).
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

/** How often `needle` occurs in `bytes` at offsets that are a multiple of `step`. */
function occurrences(bytes: Uint8Array, needle: number[], step = 1): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pattern = Buffer.from(needle);
  let n = 0;
  for (let at = buf.indexOf(pattern); at !== -1; at = buf.indexOf(pattern, at + 1)) if (at % step === 0) n++;
  return n;
}

/** Text decoded with invalid sequences replaced by U+FFFD, and how many were (a U+FFFD the bytes themselves encode is no replacement). */
function lossyDecode(bytes: Uint8Array, label: 'utf-8' | 'utf-16le' | 'utf-16be'): { text: string; replaced: number; multiByte: number } {
  const text = new TextDecoder(label).decode(bytes);
  let marks = 0;
  let multiByte = 0;
  for (const ch of text) {
    if (ch === '\ufffd') marks++;
    else if (ch.charCodeAt(0) > 0x7f) multiByte++;
  }
  const literal = marks === 0 ? 0 : label === 'utf-8' ? occurrences(bytes, [0xef, 0xbf, 0xbd]) : occurrences(bytes, label === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd], 2);
  return { text, replaced: marks - literal, multiByte: multiByte + literal };
}

/**
 * UTF-8 with a few invalid sequences (a file cut mid-character, two stray
 * bytes) is damaged UTF-8, not GBK: read as GBK, every character of it would
 * be wrong. GBK bytes read as UTF-8 give about five invalid sequences for
 * each valid multi-byte one; damaged UTF-8 gives one in hundreds. Twenty valid
 * ones per invalid one lies far from both.
 */
const validPerInvalidUtf8 = 20;

/**
 * UTF-16 without a BOM shows by its zero bytes: ASCII (digits, line breaks,
 * spaces) has a zero high byte, at odd offsets in little-endian, even in big-
 * endian. CJK text has few zero bytes (一 U+4E00 has one on the other side),
 * UTF-8 and GBK text none. Looked for in the first 64 KiB.
 */
const utf16ScanBytes = 65536;
/** Zero bytes on one side in at least this share of code units… */
const minZeroShare = 0.01;
/** …and at least this many times as many as on the other side (not 10: 一 is frequent in reports). */
const minZeroLopsidedness = 2;

export function utf16ByZeros(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, utf16ScanBytes) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const [more, fewer, label] = odd >= even ? [odd, even, 'utf-16le' as const] : [even, odd, 'utf-16be' as const];
  if (more < 2 || more < (n / 2) * minZeroShare || fewer * minZeroLopsidedness > more) return undefined;
  return label;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The problem saying how many byte sequences invalid in `encoding` were replaced, if any. */
function damage(replaced: number, encoding: string): Problem[] {
  return replaced === 0
    ? []
    : [problem('ENCODING_GUESSED', `${plural(replaced, 'byte sequence is', 'byte sequences are')} not valid ${encoding} (a file cut mid-character, or stray bytes): each was replaced by U+FFFD and the rest read as ${encoding}`)];
}

function unicode(bytes: Uint8Array, label: 'utf-8' | 'utf-16le' | 'utf-16be', why?: string): DecodedText {
  const { text, replaced } = lossyDecode(bytes, label);
  return { text, encoding: label, problems: [...(why ? [problem('ENCODING_GUESSED', `${why}; read as ${label}`)] : []), ...damage(replaced, label)] };
}

/**
 * `markup: false` for plain text: no meta declaration is looked for (a text
 * that quotes one is not declaring it), and problems speak of a file.
 */
export function decodeHtml(bytes: Uint8Array, { markup = true }: { markup?: boolean } = {}): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return unicode(bytes.subarray(3), 'utf-8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return unicode(bytes.subarray(2), bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
  const undeclared = markup ? 'the page declares no charset' : 'a text file declares no encoding';
  const utf16 = utf16ByZeros(bytes);
  if (utf16) return unicode(bytes, utf16, `${undeclared} and has no byte-order mark; its zero bytes say UTF-16`);
  // A meta tag can only be read because the bytes are ASCII-compatible: one that says UTF-16 is wrong by
  // definition, and the HTML standard reads it as UTF-8.
  const said = markup ? declaredCharset(bytes) : undefined;
  const declared = said && /^utf-?16/.test(said) ? 'utf-8' : said;
  const declaredDecoder = declared ? decoderFor(declared) : undefined;
  if (declared && declaredDecoder) {
    const text = tryDecode(bytes, declared);
    if (text !== undefined) return { text, encoding: declaredDecoder.encoding, problems: [] };
  }
  const utf8 = lossyDecode(bytes, 'utf-8');
  const isUtf8 = utf8.replaced === 0 || utf8.multiByte >= utf8.replaced * validPerInvalidUtf8;
  // Damaged UTF-8 declared as UTF-8 is what it says: the damage alone is news.
  if (isUtf8 && declaredDecoder?.encoding === 'utf-8') return { text: utf8.text, encoding: 'utf-8', problems: damage(utf8.replaced, 'utf-8') };
  const [text, encoding] = isUtf8 ? [utf8.text, 'utf-8'] : [gb18030(bytes), 'gb18030'];
  const why = declared
    ? declaredDecoder
      ? `the page declares ${declared} but its bytes are not valid ${declared}`
      : `the page declares an unknown charset "${declared}"`
    : undeclared;
  // An undeclared UTF-8 page is the common case and needs no mention.
  const problems = declared || encoding !== 'utf-8' ? [problem('ENCODING_GUESSED', `${why}; read as ${encoding}`)] : [];
  return { text, encoding, problems: [...problems, ...(isUtf8 ? damage(utf8.replaced, 'utf-8') : [])] };
}

/** GB18030 never fails on bytes; invalid sequences become U+FFFD, which the extractor's sanity check counts. */
function gb18030(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}
