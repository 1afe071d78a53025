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
  const parent: number[] = [0];
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
        label = parent.length;
        parent.push(label);
      } else {
        if (up !== 0 && up !== label) unite(label, up);
        if (upLeft !== 0 && upLeft !== label) unite(label, upLeft);
        if (upRight !== 0 && upRight !== label) unite(label, upRight);
      }
      labels[i] = label;
    }
  }
  const boxes = new Map<number, Component>();
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = labels[row + x]!;
      if (l === 0) continue;
      const root = find(l);
      const c = boxes.get(root);
      if (c) {
        if (x < c.x0) c.x0 = x;
        if (x + 1 > c.x1) c.x1 = x + 1;
        c.y1 = y + 1;
        c.pixels++;
      } else boxes.set(root, { x0: x, y0: y, x1: x + 1, y1: y + 1, pixels: 1 });
    }
  }
  return [...boxes.values()];
}
