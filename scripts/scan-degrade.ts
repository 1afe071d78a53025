/**
 * What scanners, copiers and phones do to a page image, as pure functions
 * over the OCR reader's Gray buffers, for scripts/scan-variants.ts: office
 * bilevel thresholding, photocopy borders and punch holes, quarter turns,
 * two pages on one sheet, a phone photo's perspective and uneven light,
 * salt-and-pepper dots, faint print. Randomness comes from the seeded
 * generator passed in, so every run makes the same pixels.
 */
import type { Gray } from '../extractors/ocr/image.js';
import { type Turn, turnImage } from '../extractors/ocr/orient.js';

export type Random = () => number;

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** A normal deviate (Box–Muller). */
function gaussian(rnd: Random): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Separable Gaussian blur of a float field (edges repeated). */
function blurField(data: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  const k = kernel.map((v) => v / sum);
  const pass = (src: Float32Array, horizontal: boolean) => {
    const out = new Float32Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let i = -radius; i <= radius; i++) {
          const xx = horizontal ? Math.min(width - 1, Math.max(0, x + i)) : x;
          const yy = horizontal ? y : Math.min(height - 1, Math.max(0, y + i));
          acc += k[i + radius]! * src[yy * width + xx]!;
        }
        out[y * width + x] = acc;
      }
    return out;
  };
  return pass(pass(data, true), false);
}

/** Separable Gaussian blur: the optics of a scanner or camera. */
export function blur(image: Gray, sigma: number): Gray {
  if (sigma <= 0) return image;
  const data = Uint8Array.from(blurField(Float32Array.from(image.data), image.width, image.height, sigma), clamp);
  return { width: image.width, height: image.height, data };
}

/** Gaussian sensor noise of standard deviation `sigma` grey levels. */
export function noise(image: Gray, sigma: number, rnd: Random): Gray {
  const data = image.data.map((v) => clamp(v + sigma * gaussian(rnd)));
  return { ...image, data };
}

/**
 * An office scanner's bilevel mode: slight blur, then noise that varies over a few pixels (sensor and
 * paper grain, `grain` px across, standard deviation `noise` grey levels), then a fixed threshold. Ink is
 * 1, paper 0. Hairline rules (a grey 0.25 pt line covers part of a pixel at 100–200 dpi) sit near the
 * threshold, so the noise breaks them into dashes and drops parts of them, as in archive G4 scans.
 */
export function bilevel(image: Gray, options: { blur: number; noise: number; grain: number; threshold: number }, rnd: Random): Uint8Array {
  const { width, height } = image;
  const soft = blur(image, options.blur);
  const field = blurField(Float32Array.from({ length: width * height }, () => gaussian(rnd)), width, height, options.grain);
  // Blurring white noise shrinks its spread: measure it and scale back to the asked deviation.
  let square = 0;
  for (let i = 0; i < field.length; i++) square += field[i]! * field[i]!;
  const gain = options.noise / Math.sqrt(square / Math.max(1, field.length) || 1);
  return soft.data.map((v, i) => (v + gain * field[i]! < options.threshold ? 1 : 0));
}

/** Ink bits (1 = black) back to a Gray image, to look at or to degrade further. */
export const fromBits = (bits: Uint8Array, width: number, height: number): Gray => ({ width, height, data: bits.map((b) => (b ? 0 : 255)) });

/** Turned clockwise by a multiple of 90°, pixel for pixel (the reader's own turn, which straightens such pages). */
export const turn = (image: Gray, degrees: 90 | 180 | 270): Gray => turnImage(image, (degrees / 90) as Turn);

/** Isolated black and white dots on a `fraction` of the pixels: dust on the glass, a dirty feeder. */
export function saltAndPepper(image: Gray, fraction: number, rnd: Random): Gray {
  const data = Uint8Array.from(image.data);
  for (let i = 0; i < data.length; i++) if (rnd() < fraction) data[i] = rnd() < 0.5 ? 0 : 255;
  return { ...image, data };
}

/** Faint print: ink lightened to `1 - contrast` of the way from black to paper (a toner-saving printer, a pale copy). */
export function faint(image: Gray, contrast: number): Gray {
  return { ...image, data: image.data.map((v) => clamp(255 - (255 - v) * contrast)) };
}

/**
 * A photocopy of a page copied with the lid open: dark bands along the edges whose inner border wanders
 * (the sheet was not square on the glass), and the dark discs of the filing holes punched in the left margin.
 * `band` is the mean band width and `hole` the hole diameter, in pixels.
 */
export function photocopy(image: Gray, options: { band: number; hole: number }, rnd: Random): Gray {
  const { width, height } = image;
  const data = Uint8Array.from(image.data);
  const dark = () => clamp(35 + 15 * gaussian(rnd));
  // One wandering border per edge: a random walk around the mean width, never below a third of it.
  const edge = (length: number) => {
    const out: number[] = [];
    let w = options.band;
    for (let i = 0; i < length; i++) {
      w = Math.max(options.band / 3, Math.min(2 * options.band, w + (rnd() - 0.5) * 2 + (options.band - w) * 0.01));
      out.push(Math.round(w));
    }
    return out;
  };
  const [top, bottom, left, right] = [edge(width), edge(width), edge(height), edge(height)];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (y < top[x]! || y >= height - bottom[x]! || x < left[y]! || x >= width - right[y]!) data[y * width + x] = dark();
  // Two holes 80 mm apart about the middle (ISO 838), centred a hole's width inside the left band.
  const r = options.hole / 2;
  const cx = options.band + options.hole;
  const apart = (80 / 297) * height;
  for (const cy of [height / 2 - apart / 2, height / 2 + apart / 2])
    for (let y = Math.floor(cy - r); y <= cy + r; y++)
      for (let x = Math.floor(cx - r); x <= cx + r; x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && y >= 0 && y < height && x >= 0 && x < width) data[y * width + x] = dark();
  return { width, height, data };
}

/** Two page images side by side on one white sheet of `width` × `height`, each centred in its half. */
export function twoUp(left: Gray, right: Gray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height).fill(255);
  const half = Math.floor(width / 2);
  [left, right].forEach((page, i) => {
    const ox = i * half + Math.floor((half - page.width) / 2);
    const oy = Math.floor((height - page.height) / 2);
    for (let y = 0; y < page.height; y++)
      for (let x = 0; x < page.width; x++) {
        const [tx, ty] = [ox + x, oy + y];
        if (tx >= 0 && ty >= 0 && tx < width && ty < height) data[ty * width + tx] = page.data[y * page.width + x]!;
      }
  });
  return { width, height, data };
}

type Point = [number, number];

/** The 3×3 homography (row-major, h33 = 1) taking the four `from` points to the four `to` points. */
function homography(from: Point[], to: Point[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gauss–Jordan with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * A phone photo of the page: the page's corners land on `corners` (top-left, top-right, bottom-right,
 * bottom-left) of a `width` × `height` frame over a darker table (`background`); bilinear sampling.
 */
export function perspective(image: Gray, corners: Point[], width: number, height: number, background: number): Gray {
  const page: Point[] = [
    [0, 0],
    [image.width - 1, 0],
    [image.width - 1, image.height - 1],
    [0, image.height - 1],
  ];
  // Frame → page, so every frame pixel asks where on the page it looks.
  const h = homography(corners, page);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= image.width || y0 + 1 >= image.height) {
        out[y * width + x] = background;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * image.width + x0;
      const d = image.data;
      out[y * width + x] = clamp((d[i]! * (1 - fx) + d[i + 1]! * fx) * (1 - fy) + (d[i + image.width]! * (1 - fx) + d[i + image.width + 1]! * fx) * fy);
    }
  return { width, height, data: out };
}

/**
 * Uneven light, as from a lamp to one side of a phone: brightness falls linearly from 1 at the top-left
 * corner to `darkest` at the bottom-right one, paper and ink alike.
 */
export function unevenLight(image: Gray, darkest: number): Gray {
  const { width, height } = image;
  const data = new Uint8Array(width * height);
  const span = width + height - 2 || 1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = clamp(image.data[y * width + x]! * (1 - ((1 - darkest) * (x + y)) / span));
  return { width, height, data };
}
