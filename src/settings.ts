/**
 * Every confidence level and threshold of the pipeline, named, in one place,
 * with why its value is what it is.
 */
export const confidence = {
  /** A cell read from its own grid position under its own column header. */
  aligned: 1,
  /**
   * A cell placed by its order in a row whose cells do not line up with the
   * header grid (flattened markup), when the row holds exactly the expected
   * number of value cells: order is then unambiguous, but the header did not
   * confirm it.
   */
  byOrder: 0.95,
  /** A scanned cell beside a rule put back where the table shows one is missing (ocr/rules.ts): read, but its bounds were not seen. Above the LOW_CONFIDENCE threshold: the rule is put back only where nothing crosses its line. */
  placedByInference: 0.85,
  /** Order-placed after dropping blank padding cells: a blank could have been a real value. */
  paddingDropped: 0.85,
  /** A row whose label OCR garbled, placed by the closest label or by the template's row order between two recognised rows: below the LOW_CONFIDENCE threshold on purpose. */
  rowInferred: 0.7,
  /** An OCR reading that every arithmetic rule it takes part in confirms (checks/corroborate.ts). */
  corroborated: 0.95,
  /** An OCR reading that every rule it takes part in contradicts: below the LOW_CONFIDENCE threshold, whatever the reads agreed on. */
  contradicted: 0.5,
  /** Order-placed after dropping non-blank extra cells (the last N were taken): a guess the checks must confirm. */
  extraCellsDropped: 0.5,
  /** A pre-2019 figure read from a sentence (mappings/pre2019.ts): printed, but a sentence can speak of part of the whole. */
  pre2019Sentence: 0.8,
  /** Digits run together, split the only way the row's total allows: the total no longer checks them (issue 11 asks ≤ 0.7). */
  splitDigits: 0.6,
} as const;

/**
 * When a row label no template label matches exactly (OCR garbled it) is taken for the closest row
 * (mapper/closeness.ts). Lengths count the label's ideographs; numbering that disagrees counts as one edit.
 */
export const labelCloseness = {
  /** Fewer ideographs than this say nothing about which row it is (「了」): only the row order may place it. */
  minChars: 2,
  /** At most this share of the label's ideographs may differ: 2 of 6, 4 of 11, none of 2 (规草 is not taken for 规章). */
  maxDistanceRatio: 0.4,
  /** The next closest row must be further by at least this share of the length (and by one edit at least): a tie names no row. */
  marginRatio: 0.15,
} as const;

/** Cells below this get LOW_CONFIDENCE. Between paddingDropped and extraCellsDropped on purpose: padding alone is reported by ROW_EXTRA_CELLS, guesses are flagged again. */
export const lowConfidenceThreshold = 0.8;

/** Equality tolerance for sums of decimals (万元 amounts have at most 4 decimals). */
export const sumTolerance = 1e-6;

export const limits = {
  /** Inputs above this are refused with FILE_UNREADABLE instead of exhausting a worker's memory. Real reports are under 30 MB; scans with many pages reach 100 MB. */
  maxInputBytes: 256 * 1024 * 1024,
  /**
   * A file whose conversion uses more CPU time (its worker's and its tesseract's) is abandoned
   * (its worker replaced) and gets FILE_UNREADABLE. Text layers take well under a second a page,
   * but OCR takes about 4 s a scanned page on one core, so a 100-page scan needs some 7 minutes:
   * 15 minutes catches hangs without cutting those off.
   */
  fileTimeoutMs: 900_000,
  /**
   * A worker whose process group (it and its tesseract) used no CPU for this long is stalled,
   * blocked on something that will not come, and its file is given up: its budgets count CPU
   * time, which a blocked process never uses up. A process that works gets CPU within
   * milliseconds however busy the machine (the kernel shares the cores fairly; load 6 on 2 cores
   * still gives it a third of one), and no reader waits a minute without computing.
   */
  workerStallMs: 60_000,
  /**
   * A worker process is replaced after this many files, so that what pdf.js, canvas or a
   * reader caches or leaks cannot grow over a batch of a million files. A new worker costs
   * about 0.3 s of start-up; at 500 files that is well under 1 % of the work.
   */
  workerRecycleAfter: 500,
  /**
   * Memory cap of each worker process, in MB: its V8 heap limit and the resident size
   * (heap plus native memory: canvas, decoded images) above which it is killed. Real
   * reports, a 100-page scan included, stay under 1.5 GB; a file that needs more is
   * abandoned with FILE_UNREADABLE instead of pushing the machine into swap.
   */
  workerMemoryMb: 4096,
  /**
   * No image is decoded, and no page drawn, with more pixels than this (read from the PNG or
   * JPEG header, the PDF image's Width and Height, the page's size at the scale drawn): a
   * decoded pixel costs 4 bytes and the decoders hold a copy or two, so 100 million pixels
   * is 0.4–1.2 GB, which two files at once in a batch stay under the worker cap with. A page
   * scan is far below it (A4 at 600 dpi is 35 million pixels, A3 at 600 dpi 70 million);
   * a few hundred bytes can declare 20000×20000 (2.7 GB decoded).
   */
  maxImagePixels: 100_000_000,
} as const;
