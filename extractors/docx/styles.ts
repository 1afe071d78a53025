/** Paragraph styles: which are headings, and which carry numbering (styles.xml, with basedOn inheritance). */
import type { XmlElement } from './xml.js';
import { attr, child, children } from './xml.js';

interface StyleInfo {
  name: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  outline?: number;
}

export class Styles {
  private readonly styles = new Map<string, StyleInfo>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const style of children(root, 'style')) {
      if (attr(style, 'type') !== 'paragraph') continue;
      const pPr = child(style, 'pPr');
      const numPr = child(pPr, 'numPr');
      const outline = attr(child(pPr, 'outlineLvl'), 'val');
      const ilvl = attr(child(numPr, 'ilvl'), 'val');
      this.styles.set(attr(style, 'styleId') ?? '', {
        name: attr(child(style, 'name'), 'val') ?? '',
        basedOn: attr(child(style, 'basedOn'), 'val'),
        numId: attr(child(numPr, 'numId'), 'val'),
        ilvl: ilvl !== undefined ? Number(ilvl) : undefined,
        outline: outline !== undefined ? Number(outline) : undefined,
      });
    }
  }

  /** The style and its ancestors, nearest first (cycles cut). */
  private chain(styleId: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    for (let id = styleId; id && !seen.has(id); ) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      out.push(s);
      id = s.basedOn;
    }
    return out;
  }

  isHeading(styleId: string | undefined): boolean {
    return this.chain(styleId).some((s) => /^(heading|标题)\s*\d/i.test(s.name) || (s.outline !== undefined && s.outline < 9));
  }

  numbering(styleId: string | undefined): { numId: string; ilvl: number } | undefined {
    const s = this.chain(styleId).find((x) => x.numId !== undefined);
    return s ? { numId: s.numId!, ilvl: s.ilvl ?? 0 } : undefined;
  }
}
