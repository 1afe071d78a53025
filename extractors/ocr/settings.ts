/**
 * Every threshold of the OCR reader, with why its value. The page image is
 * first brought to the scale at which its characters are `glyphHeight`
 * pixels high (scale.ts), whatever its source's density or page box; every
 * length in pixels is then a share of that height, so that no tolerance
 * depends on what the file declares.
 */
export const ocrSettings = {
  /**
   * Height in pixels of the page's most common characters at the reader's scale. Table text of
   * 10.5–12 pt measures 46 px at 300 dpi, 31 at 200, 23 at 150; at 32 px tesseract reads CJK and
   * digits as well as at 46 (measured on the devset scans) and every step works on half the pixels.
   */
  glyphHeight: 32,
  /** The resolution the normalized image stands for: 32 px characters are 11 pt text at 210 dpi (told to tesseract; pixels → nominal points). */
  dpi: 210,
  /** A page that draws no image (vector art without a text layer) is first drawn at this density to measure its characters. */
  fallbackDpi: 150,
  /** The image is never scaled by more than this factor, up or down: beyond it the measurement, not the scan, is wrong. */
  maxUpscale: 4,
  /** Within this share of the target scale the image is read as it is (no resampling). */
  rescaleTolerance: 0.1,
  /** No side of a page image is drawn longer than this many pixels (memory: 10,000² gray is 100 MB). */
  maxSide: 10_000,
  /** Skew is searched within ±this many degrees (a sheet fed by hand or copied lies up to 5° askew), first by `coarseSkewStep`, then to `deskewStep` around the best. */
  maxSkewDegrees: 6,
  coarseSkewStep: 0.5,
  deskewStep: 0.1,
  /** A horizontal or vertical run of ink this many character heights long is a ruling line; the longest stroke of a character is one height. */
  minRuleRunShare: 1.5,
  /**
   * Ruling lines are at most this share of a character height thick; a thicker band of ink is a
   * picture or a seal. A hairline scanned at 150 dpi and enlarged to the reader's scale is 3 px of
   * ink, 2 of grey halo and 2 more of the neighbour tolerance (rules.ts): 7 px at 32.
   */
  maxRuleThicknessShare: 0.35,
  /** Of that, the dark core (pixels that are ink, not halo) is at most this share: a 1.5 pt border at 300 dpi is 4 px at 32; a bold title's strokes are 7–10. */
  maxRuleCoreShare: 0.2,
  /** A ruling line has paper beside it within this share of a character height (text in a cell keeps a padding from its rules)… */
  ruleClearanceShare: 0.15,
  /** …along all of its length but at most this share (crossing rules, a digit touching its rule); strokes of large characters are crowded. */
  maxCrowdedShare: 0.3,
  /** A table's cells are mostly at least this many character heights tall (a line of text and its padding); a grid of smaller cells is strokes of large characters. */
  minCellHeightShare: 1.3,
  /** A piece of ink this many character heights long along a line may be a piece of a broken rule (a bilevel scan breaks hairlines into dashes); joinDashes decides. */
  minDashShare: 0.5,
  /** Pieces of one line with gaps up to this share of a character height are one rule (dashes of a thresholded hairline: gaps of 1.4–2.4 seen on 150–200 dpi fax-like pages)… */
  ruleRepairGapShare: 3,
  /** …when ink covers this share of its length… */
  minRuleInkShare: 0.5,
  /**
   * Horizontal rules, whose pieces are longer than any stroke of a character, are joined over longer gaps
   * of clean paper with less ink (a hairline a fax-like scan kept a third of, gaps of 6 character heights).
   */
  longRuleRepairGapShare: 8,
  minLongRuleInkShare: 0.3,
  /** …and, horizontal, it is this many character heights long: strokes of characters on one text line line up too, but not over a table's width. */
  minRepairedRuleShare: 6,
  /** Uprights of characters have the rest of their character within this share of a character height on both sides; a rule has its cells' padding. */
  textBesideShare: 0.4,
  /** A repaired horizontal rule that stops short of a crossing rule by this share of a character height is carried on to it (its last dash fell out: 1.8 seen); a label column is wider. */
  ruleEndGapShare: 2,
  /** A page's rules are broken when their pieces lie further apart than this share of a character height (a grey scan's rules have gaps of a few pixels, which the lattice bridges). */
  brokenGapShare: 0.5,
  /** …and at least two such rules run this many character heights (a table's width: a report's tables are 25–35 wide). */
  minBrokenTableShare: 15,
  /** A gap is clean paper when ink lies beside the line along at most this share of it (noise; text is more). */
  maxGapInkShare: 0.1,
  /** Gaps in a run of ink up to this share of a character height are bridged (JPEG and noise break lines). */
  ruleGapShare: 0.11,
  /** Pixels at most this bright (0 black … 255 white) are ink, when Otsu's threshold is not lower. */
  maxInkLevel: 170,
  /** For ruling lines, lighter pixels count as ink too: hairline borders (0.25 pt) scanned at 150–200 dpi come out light grey; noise does not form long runs. */
  ruleInkLevel: 215,
  /** A cell crop stays this share of a character height inside the cell's rules, so that rules do not read as 1 or |. */
  cellInsetShare: 0.13,
  /** A cell with less ink than this share of a character's square is blank: a "0" has about 7 %; scanner specks far less. */
  minCellInkShare: 0.019,
  /** Components of at most this share of a character's square are specks of noise, not ink of the text. */
  speckShare: 0.004,
  /** A line of ink no taller than this share of a character height holds digits or Latin letters only (digits are 0.65–0.78 of a CJK character's height). */
  digitLineShare: 0.86,
  /** Lines of one cell closer than this share of a character height are one line (accents, a comma's tail). */
  lineGapShare: 0.08,
  /** Words of one line further apart than this many line heights are in different columns (a table without rules). */
  columnGapShare: 1.5,
  /** Lines of ink lower than this share of a character height and narrower than the next are specks, not lines of text. */
  minLineHeightShare: 0.2,
  minLineWidthShare: 0.3,
  /** A wrapped number's lines are at most this share of a character height narrower than the cell lets a line be (the next digit, about half a height wide, did not fit). */
  wrapSlackShare: 0.75,
  /** A number is wrapped onto at most this many lines: more are a column of values. */
  maxWrappedLines: 3,
  /**
   * Lines of a wrapped number no taller than this share of a character height are read as its pieces
   * at once: digits (`digitLineShare`) with the tail of a comma or period below them (「2,74」 measures
   * 0.91 at 150–300 dpi; CJK lines about 1.0, less in noisy scans)…
   */
  numberPieceLineShare: 0.95,
  /** …and no lower than this share: digits are 0.65–0.78 of a character height, a rule's remnant across the cell far less. */
  minPieceLineShare: 0.5,
  /** …when the ink below digit height is at most this share of a character height wide: two commas' tails (a CJK line's bottom strokes are wider). */
  separatorTailShare: 0.3,
  /** Ink this narrow against a side of the cell is what is left of its rule, not a digit (a 1 is twice as wide). */
  ruleSliverShare: 0.06,
  /** A wrapped number's lines are put side by side this far apart: the gap between two digits. */
  digitGapShare: 0.12,
  /** Running text outside tables: lines of ink closer than this share of a character height are one band… */
  bandGapShare: 0.6,
  /** …read with this much paper above and below it; a band lower than `minBandHeightShare` is dirt. */
  bandMarginShare: 0.5,
  minBandHeightShare: 0.3,
  /** Number crops are scaled so their ink is this many pixels high: tesseract reads digits best at 25–35 px (measured on the scanned samples: 159/175 → 173/175). */
  digitHeight: 28,
  /** OCR never reads with the certainty of a text layer: its cells stay below 1. */
  maxConfidence: 0.99,
  /** Reads of a number cell that disagree leave it in doubt (below LOW_CONFIDENCE), whatever each read claimed. */
  disagreementConfidence: 0.4,
  /**
   * Pages of a document read side by side, sharing engine calls (batching.ts): four cut the engine
   * starts per page by about four; more would hold more page images in memory for little more gain.
   */
  pagesReadTogether: 4,
} as const;

/** A length in pixels at the reader's scale: `share` of a character height. */
export const px = (share: number) => Math.max(1, Math.round(share * ocrSettings.glyphHeight));
