/**
 * Connected components of ink (8-connected), with their bounding boxes and
 * sizes: the one measurement of a page image from which the OCR reader
 * derives its scale, so that no tolerance depends on the page box or the
 * density the file declares.
 */
import type { Gray } from './image.js';

export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number;
}

/** Components of pixels at most `threshold` bright (two passes over the image, union-find on labels). */
export function components(image: Gray, threshold: number): Component[] {
  const { width, height, data } = image;
  const labels = new Int32Array(width * height);
  // Union-find parents in a typed array, grown by doubling (a page has tens of thousands of labels).
  let parent = new Int32Array(1024);
  let labelCount = 1;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const unite = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i]! > threshold) continue;
      // Neighbours already labelled: left, and the three above.
      const left = x > 0 ? labels[i - 1]! : 0;
      const up = y > 0 ? labels[i - width]! : 0;
      const upLeft = y > 0 && x > 0 ? labels[i - width - 1]! : 0;
      const upRight = y > 0 && x + 1 < width ? labels[i - width + 1]! : 0;
      let label = left || up || upLeft || upRight;
      if (label === 0) {
        if (labelCount === parent.length) {
          const grown = new Int32Array(2 * parent.length);
          grown.set(parent);
          parent = grown;
        }
        label = labelCount++;
        parent[label] = label;
      } else {
        if (up !== 0 && up !== label) unite(label, up);
        if (upLeft !== 0 && upLeft !== label) unite(label, upLeft);
        if (upRight !== 0 && upRight !== label) unite(label, upRight);
      }
      labels[i] = label;
    }
  }
  // Each root's component, numbered in the order its first pixel comes in raster order; boxes in flat arrays.
  const slot = new Int32Array(labelCount).fill(-1);
  let count = 0;
  const x0s = new Int32Array(labelCount);
  const x1s = new Int32Array(labelCount);
  const y0s = new Int32Array(labelCount);
  const y1s = new Int32Array(labelCount);
  const sizes = new Int32Array(labelCount);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = labels[row + x]!;
      if (l === 0) continue;
      const root = find(l);
      let c = slot[root]!;
      if (c < 0) {
        c = slot[root] = count++;
        x0s[c] = x;
        x1s[c] = x + 1;
        y0s[c] = y;
      } else {
        if (x < x0s[c]!) x0s[c] = x;
        if (x + 1 > x1s[c]!) x1s[c] = x + 1;
      }
      y1s[c] = y + 1;
      sizes[c]!++;
    }
  }
  const out: Component[] = [];
  for (let c = 0; c < count; c++) out.push({ x0: x0s[c]!, y0: y0s[c]!, x1: x1s[c]!, y1: y1s[c]!, pixels: sizes[c]! });
  return out;
}
