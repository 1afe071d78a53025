/**
 * Versions of one report: the reports of the same agency (its identity key,
 * identity.ts) and the same year: an HTML page and its PDF, a corrected
 * republication. `govreport compare` checks them against one another;
 * `govreport export` says which one to count (docs/recipes.md).
 *
 * The preferred version is chosen from what the reports say of themselves,
 * never from their values: first one whose agency and year are not in doubt
 * (metadataInDoubt of model/problems.ts), then the one with the fewest
 * errors, then the fewest warnings, then the first in the caller's stable
 * order (a file path, a report id).
 */
import { groupBy } from '../arrays.js';

/** What the grouping and the preference read of a report. */
export interface VersionFacts {
  /** The agency's identity key (identity.ts), null when the report names no agency. */
  agencyKey: string | null;
  year: number | null;
  /** The report's own problems say its agency, year or title may be misread. */
  metadataInDoubt: boolean;
  errors: number;
  warnings: number;
}

/** The group a report's versions share; null when its agency or year is unknown (it is nobody's version). */
export function versionKey(r: Pick<VersionFacts, 'agencyKey' | 'year'>): string | null {
  return r.agencyKey !== null && r.year !== null ? `${r.agencyKey}\u0000${r.year}` : null;
}

/** Every group of versions (one report alone is a group of one), in the order first seen; reports without a key are left out. */
export function groupVersions<T extends Pick<VersionFacts, 'agencyKey' | 'year'>>(reports: Iterable<T>): T[][] {
  return [...groupBy(reports, versionKey).values()];
}

/** The better version first (see the module's comment); `stable` orders the rest. */
export function byPreference<T extends VersionFacts>(stable: (a: T, b: T) => number): (a: T, b: T) => number {
  return (a, b) =>
    Number(a.metadataInDoubt) - Number(b.metadataInDoubt) || a.errors - b.errors || a.warnings - b.warnings || stable(a, b);
}

/** The preferred version of one group. */
export function preferredVersion<T extends VersionFacts>(group: readonly T[], stable: (a: T, b: T) => number): T {
  return [...group].sort(byPreference(stable))[0]!;
}
