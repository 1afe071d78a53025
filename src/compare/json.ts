/** `govreport compare --json`: the CompareData as one JSON document, for data teams. */
import type { CompareData } from './model.js';

export function compareJson(data: CompareData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
