import type { LayoutDocument } from '../../src/model/layout.js';

export function readText(_bytes: Uint8Array): LayoutDocument {
  return { format: 'txt', reader: 'text', meta: {}, blocks: [], problems: [] };
}
