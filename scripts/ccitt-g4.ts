/**
 * CCITT Group 4 (ITU-T T.6) encoder for bilevel page images, the way office
 * scanners and archive tools store 1-bit pages in PDF (/CCITTFaxDecode,
 * /K -1). Pure: pixels in, bytes out. Written for scripts/scan-variants.ts,
 * so that bilevel scans can be made without img2pdf or libtiff; the tests
 * decode its output with pdf.js and poppler (tests/ccitt-g4.test.ts).
 */

/** Terminating codes 0–63 of the white runs (T.4 table 2). */
const whiteTerminating = [
  '00110101', '000111', '0111', '1000', '1011', '1100', '1110', '1111', '10011', '10100', '00111', '01000', '001000', '000011', '110100', '110101',
  '101010', '101011', '0100111', '0001100', '0001000', '0010111', '0000011', '0000100', '0101000', '0101011', '0010011', '0100100', '0011000', '00000010', '00000011', '00011010',
  '00011011', '00010010', '00010011', '00010100', '00010101', '00010110', '00010111', '00101000', '00101001', '00101010', '00101011', '00101100', '00101101', '00000100', '00000101', '00001010',
  '00001011', '01010010', '01010011', '01010100', '01010101', '00100100', '00100101', '01011000', '01011001', '01011010', '01011011', '01001010', '01001011', '00110010', '00110011', '00110100',
];

/** Make-up codes 64, 128 … 1728 of the white runs. */
const whiteMakeup = [
  '11011', '10010', '010111', '0110111', '00110110', '00110111', '01100100', '01100101', '01101000', '01100111', '011001100', '011001101', '011010010', '011010011',
  '011010100', '011010101', '011010110', '011010111', '011011000', '011011001', '011011010', '011011011', '010011000', '010011001', '010011010', '011000', '010011011',
];

/** Terminating codes 0–63 of the black runs (T.4 table 2). */
const blackTerminating = [
  '0000110111', '010', '11', '10', '011', '0011', '0010', '00011', '000101', '000100', '0000100', '0000101', '0000111', '00000100', '00000111', '000011000',
  '0000010111', '0000011000', '0000001000', '00001100111', '00001101000', '00001101100', '00000110111', '00000101000', '00000010111', '00000011000', '000011001010', '000011001011', '000011001100', '000011001101', '000001101000', '000001101001',
  '000001101010', '000001101011', '000011010010', '000011010011', '000011010100', '000011010101', '000011010110', '000011010111', '000001101100', '000001101101', '000011011010', '000011011011', '000001010100', '000001010101', '000001010110', '000001010111',
  '000001100100', '000001100101', '000001010010', '000001010011', '000000100100', '000000110111', '000000111000', '000000100111', '000000101000', '000001011000', '000001011001', '000000101011', '000000101100', '000001011010', '000001100110', '000001100111',
];

/** Make-up codes 64, 128 … 1728 of the black runs. */
const blackMakeup = [
  '0000001111', '000011001000', '000011001001', '000001011011', '000000110011', '000000110100', '000000110101', '0000001101100', '0000001101101', '0000001001010', '0000001001011', '0000001001100', '0000001001101', '0000001110010',
  '0000001110011', '0000001110100', '0000001110101', '0000001110110', '0000001110111', '0000001010010', '0000001010011', '0000001010100', '0000001010101', '0000001011010', '0000001011011', '0000001100100', '0000001100101',
];

/** Make-up codes 1792, 1856 … 2560, shared by both colours (T.4 table 3). */
const extendedMakeup = ['00000001000', '00000001100', '00000001101', '000000010010', '000000010011', '000000010100', '000000010101', '000000010110', '000000010111', '000000011100', '000000011101', '000000011110', '000000011111'];

export const g4Codes = { whiteTerminating, whiteMakeup, blackTerminating, blackMakeup, extendedMakeup };

const pass = '0001';
const horizontal = '001';
/** Vertical mode codes for a1 − b1 = −3 … 3. */
const vertical = ['0000010', '000010', '010', '1', '011', '000011', '0000011'];
const endOfLine = '000000000001';

class BitWriter {
  private bytes: number[] = [];
  private current = 0;
  private used = 0;

  put(code: string): void {
    for (let i = 0; i < code.length; i++) {
      this.current = (this.current << 1) | (code.charCodeAt(i) - 48);
      if (++this.used === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  /** The bytes written, the last one padded with 0 bits. */
  finish(): Uint8Array {
    if (this.used > 0) this.bytes.push(this.current << (8 - this.used));
    return Uint8Array.from(this.bytes);
  }
}

/** A run of one colour: make-up codes for its multiples of 64, then the terminating code (always present, 0 included). */
function putRun(out: BitWriter, run: number, black: boolean): void {
  const [terminating, makeup] = black ? [blackTerminating, blackMakeup] : [whiteTerminating, whiteMakeup];
  while (run >= 2560 + 64) {
    out.put(extendedMakeup[12]!);
    run -= 2560;
  }
  if (run >= 64) {
    const k = Math.floor(run / 64);
    out.put(k <= 27 ? makeup[k - 1]! : extendedMakeup[k - 28]!);
    run -= 64 * k;
  }
  out.put(terminating[run]!);
}

/** The first position ≥ from on the line whose pixel is not `color` (width when there is none). */
function nextOther(line: Uint8Array, offset: number, width: number, from: number, color: number): number {
  let x = from;
  while (x < width && line[offset + x] === color) x++;
  return x;
}

/**
 * T.6 bytes of a bilevel image: `ink` holds one byte per pixel, row by row, 1 for black and 0 for white.
 * Decoded with /K -1 /Columns width /Rows height /BlackIs1 false (the PDF default: 0 bits are black), the
 * image shows black where ink is 1. Ends with EOFB (two EOL codes), which PDF readers accept by default.
 */
export function encodeG4(ink: Uint8Array, width: number, height: number): Uint8Array {
  if (ink.length !== width * height) throw new Error(`encodeG4: ${ink.length} pixels for ${width}×${height}`);
  const out = new BitWriter();
  const white = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const [ref, refOffset] = y === 0 ? [white, 0] : [ink, (y - 1) * width];
    const row = y * width;
    // a0 starts on an imaginary white pixel before the line; changing elements are searched from position 0.
    let a0 = -1;
    let color = 0;
    while (a0 < width) {
      const start = Math.max(a0, 0);
      const a1 = a0 < 0 && ink[row] === 1 ? 0 : nextOther(ink, row, width, a0 < 0 ? 0 : a0, color);
      // b1: the first change on the reference line to the right of a0 to the colour opposite a0's.
      let b1 = a0 < 0 && ref[refOffset] === 1 ? 0 : nextOther(ref, refOffset, width, start, 1 - color);
      if (!(a0 < 0 && ref[refOffset] === 1)) b1 = nextOther(ref, refOffset, width, b1, color);
      const b2 = b1 < width ? nextOther(ref, refOffset, width, b1, ref[refOffset + b1]!) : width;
      if (b2 < a1) {
        out.put(pass);
        a0 = b2;
      } else if (Math.abs(a1 - b1) <= 3) {
        out.put(vertical[a1 - b1 + 3]!);
        a0 = a1;
        color = 1 - color;
      } else {
        const a2 = a1 < width ? nextOther(ink, row, width, a1, 1 - color) : width;
        out.put(horizontal);
        putRun(out, a1 - start, color === 1);
        putRun(out, a2 - a1, color === 0);
        a0 = a2;
      }
    }
  }
  out.put(endOfLine);
  out.put(endOfLine);
  return out.finish();
}
