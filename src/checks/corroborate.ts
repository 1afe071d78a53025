/**
 * The table's arithmetic as evidence about OCR readings. A reading that
 * satisfies every rule it takes part in is confirmed by the other cells of
 * those rules: a misread digit would have to be cancelled by another misread
 * for every rule to hold. A reading that fails every rule it takes part in
 * is in doubt whatever the engine claimed. Values are never changed; only
 * how sure the report says it is.
 */
import type { Cell } from '../model/report.js';
import type { TableVersion } from '../../mappings/types.js';
import { confidence } from '../settings.js';
import { equations, holds } from './arithmetic.js';

export function corroborate(cells: Record<string, Cell>, t3Version: TableVersion): Record<string, Cell> {
  const verdicts = new Map<string, boolean[]>();
  for (const eq of equations(t3Version)) {
    const operands = [...eq.lhs, ...eq.rhs];
    if (!operands.every((k) => cells[k]?.state === 'number')) continue;
    const ok = holds(eq, cells);
    for (const k of operands) verdicts.set(k, [...(verdicts.get(k) ?? []), ok]);
  }
  const out: Record<string, Cell> = { ...cells };
  for (const [key, results] of verdicts) {
    const cell = cells[key]!;
    if (cell.confidence >= 1) continue;
    if (results.every(Boolean)) out[key] = { ...cell, confidence: Math.max(cell.confidence, confidence.corroborated) };
    else if (!results.some(Boolean)) out[key] = { ...cell, confidence: Math.min(cell.confidence, confidence.contradicted) };
  }
  return out;
}
