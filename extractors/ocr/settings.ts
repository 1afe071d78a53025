/**
 * Every threshold of the OCR reader, with why its value. Lengths in pixels
 * are at `dpi`, the resolution pages are rendered at.
 */
export const ocrSettings = {
  /** Tesseract reads body-size CJK best around 300 dpi; higher costs time and gains nothing on 150–200 dpi scans. */
  dpi: 300,
  /** Skew is searched within ±this many degrees (scanned pages are within ±1.5°), in steps of `deskewStep`. */
  maxSkewDegrees: 2.5,
  deskewStep: 0.1,
  /** A horizontal or vertical run of ink this long is a ruling line; the longest stroke of a 12 pt character is shorter (≈ 45 px). */
  minRuleRun: 70,
  /** Ruling lines are at most this thick; a thicker band of ink is a picture or a seal. */
  maxRuleThickness: 9,
  /** Gaps in a run of ink up to this long are bridged (JPEG and noise break lines). */
  ruleGap: 5,
  /** Pixels at most this bright (0 black … 255 white) are ink, when Otsu's threshold is not lower. */
  maxInkLevel: 170,
  /** For ruling lines, lighter pixels count as ink too: hairline borders (0.25 pt) scanned at 150–200 dpi come out light grey; noise does not form long runs. */
  ruleInkLevel: 215,
  /** A cell crop stays this far inside the cell's rules, so that rules do not read as 1 or |. */
  cellInset: 6,
  /** A cell with fewer ink pixels than this is blank: a 9 pt "0" at 300 dpi has about 150; scanner specks have a handful. */
  minCellInk: 40,
  /** Number crops are scaled so their ink is this many pixels high: tesseract reads digits best at 25–35 px (measured on the scanned samples: 159/175 → 173/175 at 300 dpi). */
  digitHeight: 28,
  /** OCR never reads with the certainty of a text layer: its cells stay below 1. */
  maxConfidence: 0.99,
  /** Reads of a number cell that disagree leave it in doubt (below LOW_CONFIDENCE), whatever each read claimed. */
  disagreementConfidence: 0.4,
} as const;
