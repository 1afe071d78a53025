/**
 * document.xml → layout blocks. Paragraph text is what Word shows: inserted
 * text kept, deleted text and field codes dropped (tracked changes read as
 * accepted), generated numbering put in front, text boxes read after the
 * paragraph that anchors them. Tables keep their true grid: w:gridSpan,
 * w:vMerge (restart/continue), legacy w:hMerge, w:gridBefore/w:gridAfter.
 * A table that holds tables is a layout table: its cells are read as
 * containers. Two tables separated only by empty paragraphs (a page break)
 * are one table.
 */
import type { Block, LayoutCell, TableBlock, TextBlock } from '../../src/model/layout.js';
import type { Numbering } from './numbering.js';
import type { Styles } from './styles.js';
import type { XmlElement } from './xml.js';
import { attr, child, children, descendant, elementChildren } from './xml.js';
import { append, maxOf } from '../../src/arrays.js';

export interface BodyContext {
  numbering: Numbering;
  styles: Styles;
}

/** Elements whose content Word does not show as text. */
const hidden = new Set(['del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'commentReference', 'footnoteReference', 'endnoteReference', 'fldChar', 'pPr', 'rPr', 'sectPr', 'tblPr', 'trPr', 'tcPr', 'proofErr', 'bookmarkStart', 'bookmarkEnd']);

interface ParagraphText {
  text: string;
  /** Text boxes anchored in the paragraph, read as blocks of their own. */
  boxes: XmlElement[];
}

/** The visible text of a paragraph's runs. */
function paragraphText(p: XmlElement): ParagraphText {
  let text = '';
  const boxes: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of elementChildren(el)) {
      const name = c.localName;
      if (hidden.has(name)) continue;
      if (name === 't') text += c.textContent ?? '';
      else if (name === 'tab' || name === 'ptab') text += '\t';
      else if (name === 'br' || name === 'cr') text += '\n';
      else if (name === 'noBreakHyphen') text += '-';
      else if (name === 'sym') text += symbol(attr(c, 'char'));
      else if (name === 'txbxContent') boxes.push(c);
      // Alternate content says the same thing twice (new and legacy drawing): read the first choice only.
      else if (name === 'AlternateContent') {
        const choice = elementChildren(c).find((x) => x.localName === 'Choice') ?? elementChildren(c).find((x) => x.localName === 'Fallback');
        if (choice) visit(choice);
      } else visit(c);
    }
  };
  visit(p);
  return { text, boxes };
}

function symbol(code: string | undefined): string {
  if (!code) return '';
  const n = Number.parseInt(code, 16);
  // Symbol-font code points live in the private-use area F0xx; their ASCII twins are what they show.
  return Number.isFinite(n) ? String.fromCharCode(n >= 0xf000 ? n - 0xf000 : n) : '';
}

export class BodyReader {
  readonly blocks: Block[] = [];
  private tableIndex = 0;

  constructor(private readonly ctx: BodyContext) {}

  /** Reads block-level content (body, table cell, text box) into this.blocks. */
  readContainer(el: XmlElement): void {
    for (const c of elementChildren(el)) {
      if (c.localName === 'p') this.readParagraph(c);
      else if (c.localName === 'tbl') this.readTable(c);
      else if (c.localName === 'sdt') this.readContainer(child(c, 'sdtContent') ?? c);
      else if (c.localName === 'customXml' || c.localName === 'ins' || c.localName === 'moveTo') this.readContainer(c);
    }
  }

  /** The paragraph's text with its generated numbering in front. */
  private paragraph(p: XmlElement): ParagraphText & { heading: boolean } {
    const pPr = child(p, 'pPr');
    const styleId = attr(child(pPr, 'pStyle'), 'val');
    const numPr = child(pPr, 'numPr');
    const own = numPr ? { numId: attr(child(numPr, 'numId'), 'val') ?? '', ilvl: Number(attr(child(numPr, 'ilvl'), 'val') ?? 0) } : undefined;
    const list = own ?? this.ctx.styles.numbering(styleId);
    const body = paragraphText(p);
    const prefix = list && body.text.trim() !== '' ? this.ctx.numbering.next(list.numId, list.ilvl) : '';
    const outline = attr(child(pPr, 'outlineLvl'), 'val');
    return {
      text: prefix + body.text,
      boxes: body.boxes,
      heading: this.ctx.styles.isHeading(styleId) || (outline !== undefined && Number(outline) < 9),
    };
  }

  private readParagraph(p: XmlElement): void {
    const { text, boxes, heading } = this.paragraph(p);
    const clean = text.replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
    this.blocks.push(clean === '' ? emptyParagraph : { kind: 'text', role: heading ? 'heading' : 'paragraph', text: clean, source: {} });
    for (const box of boxes) this.readContainer(box);
  }

  private readTable(tbl: XmlElement): void {
    if (descendant(tbl, 'tbl')) {
      // A layout table: its cells hold the content.
      for (const tr of children(tbl, 'tr')) for (const tc of children(tr, 'tc')) this.readContainer(tc);
      return;
    }
    const rows = this.tableRows(tbl);
    const previous = this.tableBeforeEmptyParagraphs();
    if (previous && gridWidth(previous.rows) === gridWidth(rows)) {
      // One table split in two by a page break: the second half continues the first.
      append(previous.rows, rows.map((row) => row.map((c) => ({ ...c, source: { table: previous.index } }))));
      return;
    }
    const index = this.tableIndex++;
    this.blocks.push({ kind: 'table', index, rows: rows.map((row) => row.map((c) => ({ ...c, source: { table: index } }))), source: { table: index } });
  }

  /** The last table read, when nothing but empty paragraphs (page breaks) came after it; those paragraphs are dropped. */
  private tableBeforeEmptyParagraphs(): TableBlock | undefined {
    let i = this.blocks.length - 1;
    while (i >= 0 && this.blocks[i] === emptyParagraph) i--;
    const block = this.blocks[i];
    if (block?.kind !== 'table') return undefined;
    this.blocks.splice(i + 1);
    return block;
  }

  /** Rows of layout cells with spans; vertically merged continuations are folded into the cell they continue. */
  private tableRows(tbl: XmlElement): LayoutCell[][] {
    interface Raw {
      text: string;
      col: number;
      colSpan: number;
      vMerge: 'restart' | 'continue' | undefined;
      cell?: LayoutCell;
    }
    const grid: Raw[][] = children(tbl, 'tr').map((tr) => {
      const trPr = child(tr, 'trPr');
      let col = Number(attr(child(trPr, 'gridBefore'), 'val') ?? 0);
      const row: Raw[] = col > 0 ? [{ text: '', col: 0, colSpan: col, vMerge: undefined }] : [];
      for (const tc of children(tr, 'tc')) {
        const tcPr = child(tc, 'tcPr');
        const span = Number(attr(child(tcPr, 'gridSpan'), 'val') ?? 1);
        const vMergeEl = child(tcPr, 'vMerge');
        const hMerge = attr(child(tcPr, 'hMerge'), 'val');
        const text = this.cellText(tc);
        if (hMerge === 'continue' && row.length > 0) {
          // Legacy horizontal merge: this cell widens the one before it.
          row.at(-1)!.colSpan += span;
          col += span;
          continue;
        }
        row.push({ text, col, colSpan: span, vMerge: vMergeEl ? (attr(vMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : undefined });
        col += span;
      }
      return row;
    });
    const rows: LayoutCell[][] = grid.map(() => []);
    grid.forEach((row, r) => {
      for (const raw of row) {
        if (raw.vMerge === 'continue') {
          const above = findOrigin(grid, r, raw.col);
          if (above?.cell) {
            above.cell.rowSpan++;
            if (raw.text.trim() !== '') above.cell.text = `${above.cell.text}\n${raw.text}`;
            raw.cell = above.cell;
            continue;
          }
        }
        raw.cell = { text: raw.text, rowSpan: 1, colSpan: raw.colSpan, source: {} };
        rows[r]!.push(raw.cell);
      }
    });
    return rows;
  }

  /** A cell's paragraphs, each with its numbering, joined by line breaks; nested content flattened to text. */
  private cellText(tc: XmlElement): string {
    const lines: string[] = [];
    const visit = (el: XmlElement) => {
      for (const c of elementChildren(el)) {
        if (c.localName === 'p') {
          const { text, boxes } = this.paragraph(c);
          if (text.trim() !== '') lines.push(text.trim());
          boxes.forEach(visit);
        } else if (c.localName === 'tbl' || c.localName === 'tr' || c.localName === 'tc' || c.localName === 'sdt' || c.localName === 'sdtContent' || c.localName === 'ins' || c.localName === 'customXml') {
          visit(c);
        }
      }
    };
    visit(tc);
    return lines.join('\n');
  }
}

/** The cell a vertical-merge continuation at (r, col) continues: the nearest row above with a cell starting at col. */
function findOrigin<T extends { col: number; cell?: LayoutCell }>(grid: T[][], r: number, col: number): T | undefined {
  for (let k = r - 1; k >= 0; k--) {
    const above = grid[k]!.find((x) => x.col === col);
    if (above) return above;
  }
  return undefined;
}

function gridWidth(rows: LayoutCell[][]): number {
  return Math.max(0, maxOf(rows.map((row) => row.reduce((w, c) => w + c.colSpan, 0))));
}

/** Marker for an empty paragraph; removed before the blocks leave the reader. */
export const emptyParagraph: TextBlock = { kind: 'text', role: 'paragraph', text: '', source: {} };
