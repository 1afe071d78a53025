/**
 * Every geometric tolerance of the PDF reader, in PDF points (1/72 inch),
 * with why its value is what it is. Like pdfplumber's TableSettings: one
 * object, named fields, no literals buried in the steps.
 */
export const pdfSettings = {
  /** A stroke or thin filled rectangle counts as a rule when it is this close to axis-parallel (WPS draws some borders as 0.1 pt skewed rectangles). */
  axisTolerance: 1,
  /** Filled rectangles up to this thick are rules (WPS draws borders as 0.5–1.5 pt filled rectangles); thicker ones are shading. */
  maxRuleThickness: 2.5,
  /** Rules shorter than this are glyph decorations (underlines of a character, bullets), not table borders. */
  minRuleLength: 4,
  /** Parallel rules closer than this are one border: Word and WPS draw double borders and cell-by-cell borders offset by their width. */
  snapTolerance: 3,
  /** Collinear rules with a gap up to this are one border: cell-by-cell borders leave hairline gaps at joints. */
  joinTolerance: 3,
  /** How far a rule may stop short of a crossing rule and still meet it (line caps and widths). */
  intersectionTolerance: 3,
  /** Cells smaller than this in either direction are artefacts of near-duplicate rules. */
  minCellSize: 2,
  /** Tables from consecutive pages are one table when their outer left and right borders agree this closely. */
  stitchTolerance: 6,
  /** Parts of a scanned table on consecutive pages are one table when the columns where it breaks agree within this share of its width (each page has its own scale and offset). */
  scanStitchShare: 0.02,
  /** A page without text or images that paints fewer shapes than this (a rule, a logo) is blank: not worth OCR. */
  maxBlankShapes: 50,
  /** Page numbers and running headers live in this share of the page height at the top and at the bottom. */
  furnitureBand: 0.12,
  /** A line repeated at the same place on at least this share of pages (and at least 3 pages) is a running header or footer. */
  runningShare: 0.5,
  /** Two text runs are on one line when their vertical centres differ by less than this share of the font size. */
  sameLineShare: 0.5,
  /** Runs on one line closer than this share of the font size join without a space. */
  joinGapShare: 0.25,
  /** In a table without rules, a gap wider than this share of the font size separates two columns (words in a label are closer). */
  columnGapShare: 1.2,
  /** A table without rules ends at a vertical gap wider than this many font sizes. */
  regionGapShare: 3,
  /** A wrapped label belongs to a row of values at most this many font sizes away (edge to edge). */
  wrapDistanceShare: 1.6,
  /** Lines of one wrapped label are at most this many font sizes apart; rows are further apart (cell padding). */
  wrapGapShare: 0.8,
  /** A page is without usable text when it has fewer characters than this… */
  minPageChars: 1,
  /** …or when more than this share of its characters are U+FFFD or private-use glyphs (fonts without ToUnicode). */
  maxGarbageShare: 0.3,
  /** Body text is the most common font size; a line this much larger at the top of page 1 is the title. */
  titleSizeRatio: 1.2,
  /** A line indented by more than this share of the font size starts a paragraph. */
  indentShare: 1.2,
  /** A line ending more than this many font sizes before the right margin ends its paragraph. */
  shortLineShare: 2,
  /** A line whose font size differs by more than this (points) from the line before starts a paragraph. */
  sizeChange: 0.5,
  /**
   * The same for lines read by OCR, as a share of the larger size: their "size" is the height of their ink,
   * which varies with the glyphs (一 and 。 are low, 「（；」 and digits tall) by up to a sixth of the body size.
   */
  ocrSizeChangeShare: 0.25,
} as const;

export type PdfSettings = typeof pdfSettings;
