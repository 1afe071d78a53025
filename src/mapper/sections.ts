/** Finding the six sections among the text blocks, in document order. */
import { maxHeadingLength, sections as sectionDefs } from '../../mappings/sections.js';
import type { Block, TextBlock } from '../model/layout.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { ReportSection } from '../model/report.js';
import { quote } from '../model/wording.js';
import { isTitleWithoutNumeral, startsSection } from '../text/headings.js';

interface Heading {
  title: string;
  /** Text of the block before the heading: the end of the section before it. */
  before: string;
}

/**
 * The heading of `def` this block is, begins with (a heading run into its first paragraph) or ends with
 * after a full stop (the last line of a paragraph at the top of a page, joined with the heading under it).
 */
function headingOf(block: TextBlock, def: (typeof sectionDefs)[number]): Heading | undefined {
  const text = block.text.trim();
  if (isTitleWithoutNumeral(text, def)) return { title: text, before: '' };
  if (startsSection(text, def)) {
    if (text.length <= maxHeadingLength) return { title: text, before: '' };
    // A heading run into its first paragraph: cut at the first full stop or colon.
    return { title: text.split(/[。：:\n]/)[0]!.slice(0, maxHeadingLength), before: '' };
  }
  const stop = Math.max(text.lastIndexOf('。'), text.lastIndexOf('\n'));
  const tail = text.slice(stop + 1).trim();
  if (stop < 0 || tail.length > maxHeadingLength || !startsSection(tail, def)) return undefined;
  return { title: tail, before: text.slice(0, stop + 1).trim() };
}

export function findSections(blocks: Block[]): { sections: ReportSection[]; problems: Problem[] } {
  const texts = blocks.filter((b): b is TextBlock => b.kind === 'text');
  const found: Array<{ def: (typeof sectionDefs)[number]; index: number } & Heading> = [];
  let from = 0;
  for (const def of sectionDefs) {
    for (let i = from; i < texts.length; i++) {
      const heading = headingOf(texts[i]!, def);
      if (heading !== undefined) {
        found.push({ def, index: i, ...heading });
        from = i + 1;
        break;
      }
    }
  }
  const sections: ReportSection[] = found.map((f, k) => {
    const end = found[k + 1]?.index ?? texts.length;
    const heading = texts[f.index]!;
    const rest = f.before ? '' : heading.text.trim().slice(f.title.length).replace(/^[。：:\s]+/, '');
    const body = [rest, ...texts.slice(f.index + 1, end).map((b) => b.text.trim()), found[k + 1]?.before ?? ''].filter((t) => t !== '');
    return { id: f.def.id, title: f.title, text: body.join('\n'), source: heading.source };
  });
  const problems = sectionDefs
    .map((d, i) => ({ d, number: i + 1 }))
    .filter(({ d }) => !found.some((f) => f.def.id === d.id))
    .map(({ d, number }) => problem('SECTION_MISSING', `Section ${number} ${quote(d.title)} not found: no heading names it`));
  return { sections, problems };
}
