/**
 * DOM → layout blocks: paragraphs and headings in reading order, and leaf
 * tables as cells with their spans. Tables that contain tables are layout
 * tables: their cells are read as containers, not as a report table.
 */
import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import type { Block, LayoutCell } from '../../src/model/layout.js';
import { hasNestedTable } from './content.js';

/** Elements whose content is not shown. */
const skipped = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'head', 'select', 'button', 'input', 'textarea', 'map']);

/** Elements that break the text flow into separate blocks. */
const blockLevel = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'center',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'fieldset', 'address', 'hr',
  'tr', 'td', 'th', 'caption', 'figure', 'figcaption', 'body', 'html',
]);

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isHidden(el: Element): boolean {
  if (el.attribs['hidden'] !== undefined) return true;
  const style = el.attribs['style']?.replace(/\s+/g, '').toLowerCase() ?? '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** Each element's nth-of-type among its siblings, counted once per parent. */
export type TypeIndexes = WeakMap<object, Map<AnyNode, number>>;

/**
 * CSS-like path from <html> down, e.g. html>body>div:nth-of-type(2)>table:nth-of-type(1).
 * `indexes` keeps each parent's count of its children by type for the next path: counting an
 * element's earlier siblings anew for each was quadratic in a row of 100,000 cells.
 */
export function domPath(el: Element, indexes: TypeIndexes = new WeakMap()): string {
  const parts: string[] = [];
  for (let n: Element | null = el; n; n = n.parent && isTag(n.parent) ? n.parent : null) {
    parts.push(n.name === 'html' || n.name === 'body' ? n.name : `${n.name}:nth-of-type(${nthOfType(n, indexes)})`);
  }
  return parts.reverse().join('>');
}

function nthOfType(el: Element, indexes: TypeIndexes): number {
  const parent = el.parent;
  if (!parent) {
    let index = 1;
    for (let s = el.prev; s; s = s.prev) if (isTag(s) && s.name === el.name) index++;
    return index;
  }
  let known = indexes.get(parent);
  if (!known) {
    known = new Map();
    const counts = new Map<string, number>();
    for (const child of parent.children) {
      if (!isTag(child)) continue;
      const n = (counts.get(child.name) ?? 0) + 1;
      counts.set(child.name, n);
      known.set(child, n);
    }
    indexes.set(parent, known);
  }
  return known.get(el)!;
}

/** Cell text with line breaks where <br> and block elements are. */
export function cellText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || skipped.has(node.name) || isHidden(node)) return '';
  if (node.name === 'br') return '\n';
  const inner = node.children.map(cellText).join('');
  return blockLevel.has(node.name) ? `\n${inner}\n` : inner;
}

const clean = (text: string) =>
  text
    .replace(/[ \t\r\f\v\u00a0\u3000]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.name)) visit(child);
    }
  };
  visit(table);
  return rows;
}

export function extractBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let bufferOwner: Element = root;
  let tableIndex = 0;
  // One count of each parent's children by type for all the paths of this walk (the DOM does not change during it).
  const typeIndexes: TypeIndexes = new WeakMap();

  const flush = () => {
    const text = clean(buffer);
    if (text !== '') {
      blocks.push({
        kind: 'text',
        role: headingTags.has(bufferOwner.name) ? 'heading' : 'paragraph',
        text,
        source: { path: domPath(bufferOwner, typeIndexes) },
      });
    }
    buffer = '';
  };

  const emitTable = (table: Element) => {
    const index = tableIndex++;
    const tablePath = domPath(table, typeIndexes);
    const rows: LayoutCell[][] = rowsOf(table).map((tr) =>
      tr.children
        .filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th') && !isHidden(c))
        .map((td) => ({
          text: clean(cellText(td)),
          rowSpan: span(td.attribs['rowspan']),
          colSpan: span(td.attribs['colspan']),
          source: { table: index, path: domPath(td, typeIndexes) },
        })),
    );
    blocks.push({ kind: 'table', index, rows, source: { table: index, path: tablePath } });
  };

  const walk = (children: AnyNode[], owner: Element) => {
    for (const child of children) {
      if (isText(child)) {
        if (buffer === '') bufferOwner = owner;
        buffer += child.data;
        continue;
      }
      if (!isTag(child) || skipped.has(child.name) || isHidden(child)) continue;
      if (child.name === 'br') {
        flush();
      } else if (child.name === 'table') {
        flush();
        if (hasNestedTable(child)) {
          walk(child.children, child);
          flush();
        } else {
          emitTable(child);
        }
      } else if (blockLevel.has(child.name)) {
        flush();
        walk(child.children, child);
        flush();
      } else {
        walk(child.children, owner);
      }
    }
  };
  // The root itself is walked, so that a content root that is a table is read as one.
  walk([root], root);
  flush();
  return blocks;
}
