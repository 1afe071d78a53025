/**
 * Every threshold of `govreport compare`'s data side, with why it has its
 * value (docs/compare.md quotes the rules built on them).
 */
import type { FigureName } from './model.js';

export const compareSettings = {
  /**
   * OUTLIER needs this many peers (reports of other agencies, same level and
   * year, printing the figure): a median of fewer says little about what is usual.
   */
  outlierMinPeers: 8,
  /**
   * A figure is an outlier above median + k · MAD of its peers. 5 is the usual
   * modified z-score cut (0.6745 · (x − median) / MAD > 3.5, Iglewicz & Hoaglin)
   * rounded: 3.5 / 0.6745 ≈ 5.2.
   */
  outlierMadFactor: 5,
  /**
   * The MAD used is at least this: application counts are small integers and
   * most peers often print 0, where a MAD of 0 would make every 1 an outlier.
   */
  outlierMadFloor: 2,
  /** Figures compared with peers: counts of cases, whose scale is alike across agencies of one level. */
  outlierFigures: ['received', 'granted', 'reviewTotal', 'suitTotal'] as FigureName[],
  /** Figures of a department compared with its government's (counts a government's aggregate would include). */
  departmentFigures: ['received', 'reviewTotal', 'suitTotal'] as FigureName[],
  /** VERSION_DIFFERS names at most this many cells in its message; `cells` keeps them all. */
  versionMessageCells: 8,
  /** JSON files read at once while loading: enough to overlap disk and parsing, few enough to keep memory flat. */
  readConcurrency: 8,
};
