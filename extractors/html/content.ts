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
import { labelKey, normalizeText } from '../../src/text/normalize.js';

const tableAnchors = [...table2Signature.contains, ...table3Signature.contains, ...table4Signature.contains];

/** Longer than any heading; keeps whole paragraphs from being anchors. */
const maxAnchorText = 60;

export function textOf(node: AnyNode): string {
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
    stack.push(...node.children);
  }
  return false;
}

function isSectionHeading(text: string): boolean {
  if (text.length > maxAnchorText) return false;
  const t = normalizeText(text);
  return sections.some((s) => new RegExp(`^${s.numeral}[、.]`).test(t) && s.contains.some((k) => labelKey(t).includes(k)));
}

function collectAnchors(root: Element): Element[] {
  const anchors: Element[] = [];
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    if (node.name === 'table' && !hasNestedTable(node)) {
      const key = labelKey(textOf(node));
      if (tableAnchors.filter((a) => key.includes(a)).length >= 2) anchors.push(node);
      return;
    }
    for (const child of node.children) {
      if (isText(child) && child.parent && isTag(child.parent) && /^\s*[一二三四五六]\s*[、.．]/.test(child.data)) {
        if (isSectionHeading(textOf(child.parent))) anchors.push(child.parent);
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

/** The smallest element containing every anchor, or the root when there are none. */
export function findContent(root: Element): Element {
  const anchors = collectAnchors(root);
  if (anchors.length === 0) return root;
  let common = ancestors(anchors[0]!);
  for (const anchor of anchors.slice(1)) {
    const chain = ancestors(anchor);
    let i = 0;
    while (i < common.length && i < chain.length && common[i] === chain[i]) i++;
    common = common.slice(0, i);
  }
  const lca = common.at(-1) ?? root;
  // A single anchor (one table) says little about where the text is: widen to its parent block.
  return anchors.length === 1 && lca.parent && isTag(lca.parent) ? lca.parent : lca;
}
