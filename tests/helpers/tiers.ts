/**
 * Test tiers (README, "Tests"). `npm test` runs the unit and integration
 * tests and a representative OCR tier: a few scans that stand for the rest
 * (a grey one, a seal, a variant), so that it stays within 5 minutes on
 * 2 cores. `npm run test:ocr-full` sets GOVREPORT_TEST_TIER=full and runs
 * every scan, archive variant and development-set scan with the same bars.
 * The devset's figures themselves belong to `npm run eval`.
 *
 * To put the cases of a test file in tiers, list the representative ones by
 * name; the others run in the full tier only:
 *
 *   it.each(inTier(scans, (s) => s.truth.file, ['scan-200-seal.pdf']))(...)
 *
 * A representative name that is no case any more fails at once (the list
 * would otherwise shrink the tier silently). A whole block of the full tier
 * only: `describe.runIf(fullTier)`.
 */

/** The full OCR sweep (npm run test:ocr-full). */
export const fullTier = process.env['GOVREPORT_TEST_TIER'] === 'full';

/** The cases of this run's tier: all of them in the full tier, else the representative ones. */
export function inTier<T>(cases: readonly T[], name: (c: T) => string, representative: readonly string[]): T[] {
  const names = new Set(cases.map(name));
  const unknown = representative.filter((r) => !names.has(r));
  if (unknown.length > 0 && cases.length > 0) throw new Error(`tests/helpers/tiers.ts: representative cases not found: ${unknown.join(', ')}`);
  return fullTier ? [...cases] : cases.filter((c) => representative.includes(name(c)));
}
