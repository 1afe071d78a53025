/** Every size and limit of the compare page, each with why it has its value. */
export const pageSettings = {
  /**
   * Width of a rendered page image in pixels: 1240 px is A4 at 150 dpi, where
   * the smallest table digits (7–8 pt) stay legible without a page weighing
   * more than a few hundred kB.
   */
  pageImageWidth: 1240,
  /** A landscape or oversized page is not drawn above 3× its size in points: beyond that the image grows, not the legibility. */
  maxPageScale: 3,
  /**
   * Page images are WebP at this quality: a scanned page at 1240 px is 530–770 kB as PNG, 175–200 kB as
   * JPEG 85 and 95–110 kB as WebP 85 (a text page 212 / 177 / 75 kB), with table digits as legible; at
   * 10,000 reports the folder beside the page is a fifth of the PNG one. Every current browser shows WebP.
   */
  pageImageQuality: 85,
  /** Lines shown above and below a text cell's line: enough to see the row's label and its neighbours. */
  neighbourLines: 2,
  /**
   * A line longer than this is cut around the cell (one-line crawler dumps
   * print a whole report on one line of 5,000 characters and more).
   */
  maxLineChars: 240,
  /** Characters kept before the cell when a long line is cut, so its row label stays in view. */
  charsBeforeCell: 80,
} as const;
