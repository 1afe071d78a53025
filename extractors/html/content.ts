/**
 * Finding the report inside a government CMS page. The report sits among
 * navigation, breadcrumbs, a metadata box (索引号/发布机构/成文日期), related
 * links and layout tables; its own tables and section headings anchor it, and
 * the smallest element holding all the anchors is the content.
 */
import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { sections } from '../../mappings/sections.js';
import { table2Signature } from '../../mappings/table2.js';
import { table3Signature } from '../../mappings/table3.js';
import { table4Signature } from '../../mappings/table4.js';
import { headedSection } from '../../src/text/headings.js';
import { labelKey } from '../../src/text/normalize.js';
import { append } from '../../src/arrays.js';
import { spendWork } from '../../src/work-budget.js';

const tableAnchors = [...table2Signature.contains, ...table3Signature.contains, ...table4Signature.contains];

/** Longer than any heading; keeps whole paragraphs from being anchors. */
const maxAnchorText = 60;

export function textOf(node: AnyNode): string {
  spendWork();
  if (isText(node)) return node.data;
  if (isTag(node)) return node.children.map(textOf).join('');
  return '';
}

export function hasNestedTable(table: Element): boolean {
  const stack = [...table.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'table') return true;
    append(stack, node.children);
  }
  return false;
}


interface Anchors {
  tables: Element[];
  headings: Array<{ element: Element; section: string }>;
}

function collectAnchors(root: Element): Anchors {
  const anchors: Anchors = { tables: [], headings: [] };
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    if (node.name === 'table' && !hasNestedTable(node)) {
      const key = labelKey(textOf(node));
      if (tableAnchors.filter((a) => key.includes(a)).length >= 2) anchors.tables.push(node);
      return;
    }
    for (const child of node.children) {
      if (isText(child) && child.parent && isTag(child.parent) && /^\s*[一二三四五六]\s*[、.．]/.test(child.data)) {
        const section = headedSection(textOf(child.parent), maxAnchorText)?.id;
        if (section) anchors.headings.push({ element: child.parent, section });
      }
      visit(child);
    }
  };
  visit(root);
  return anchors;
}

function ancestors(node: Element): Element[] {
  const chain: Element[] = [];
  for (let n: Element | null = node; n; n = n.parent && isTag(n.parent) ? n.parent : null) chain.unshift(n);
  return chain;
}

function lowestCommonAncestor(nodes: Element[]): Element | undefined {
  if (nodes.length === 0) return undefined;
  let common = ancestors(nodes[0]!);
  for (const node of nodes.slice(1)) {
    const chain = ancestors(node);
    let i = 0;
    while (i < common.length && i < chain.length && common[i] === chain[i]) i++;
    common = common.slice(0, i);
  }
  return common.at(-1);
}

function contains(ancestor: Element, node: Element): boolean {
  for (let n: Element | null = node; n; n = n.parent && isTag(n.parent) ? n.parent : null) if (n === ancestor) return true;
  return false;
}

/** Section order (0-5) of each heading inside `el`, in document order. */
function sectionOrder(el: Element, headings: Anchors['headings']): number[] {
  const order = sections.map((s) => s.id as string);
  return headings.filter((h) => contains(el, h.element)).map((h) => order.indexOf(h.section));
}

/** Length of the longest strictly increasing run (not necessarily contiguous): how many sections appear in report order. */
function inOrder(indices: number[]): number {
  const tails: number[] = [];
  for (const x of indices) {
    let i = 0;
    while (i < tails.length && tails[i]! < x) i++;
    tails[i] = x;
  }
  return tails.length;
}

/**
 * The content: starting from the report tables (or the first heading), the
 * lowest ancestor that holds as many section headings in report order as the
 * whole page does. A stray "四、…" in a menu or footer is out of order or a
 * repeat, so it never pulls the content up to <body>.
 */
export function findContent(root: Element): Element {
  const { tables, headings } = collectAnchors(root);
  const start = lowestCommonAncestor(tables) ?? headings[0]?.element;
  if (!start) return root;
  const wanted = inOrder(sectionOrder(root, headings));
  return ancestors(start)
    .reverse()
    .find((el) => inOrder(sectionOrder(el, headings)) >= wanted) ?? root;
}
