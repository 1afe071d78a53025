/** Finding the six sections among the text blocks, in document order. */
import { maxHeadingLength, sections as sectionDefs } from '../../mappings/sections.js';
import type { Block, TextBlock } from '../model/layout.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { ReportSection } from '../model/report.js';
import { quote } from '../model/wording.js';
import { isTitleWithoutNumeral, startsSection } from '../text/headings.js';

/** The heading of `def` this block is or begins with (a heading run into its first paragraph). */
function headingOf(block: TextBlock, def: (typeof sectionDefs)[number]): string | undefined {
  if (isTitleWithoutNumeral(block.text, def)) return block.text.trim();
  if (!startsSection(block.text, def)) return undefined;
  if (block.text.trim().length <= maxHeadingLength) return block.text.trim();
  // A heading run into its first paragraph: cut at the first full stop or colon.
  return block.text.trim().split(/[。：:\n]/)[0]!.slice(0, maxHeadingLength);
}

export function findSections(blocks: Block[]): { sections: ReportSection[]; problems: Problem[] } {
  const texts = blocks.filter((b): b is TextBlock => b.kind === 'text');
  const found: Array<{ def: (typeof sectionDefs)[number]; index: number; title: string }> = [];
  let from = 0;
  for (const def of sectionDefs) {
    for (let i = from; i < texts.length; i++) {
      const title = headingOf(texts[i]!, def);
      if (title !== undefined) {
        found.push({ def, index: i, title });
        from = i + 1;
        break;
      }
    }
  }
  const sections: ReportSection[] = found.map((f, k) => {
    const end = found[k + 1]?.index ?? texts.length;
    const heading = texts[f.index]!;
    const rest = heading.text.trim().slice(f.title.length).replace(/^[。：:\s]+/, '');
    const body = [rest, ...texts.slice(f.index + 1, end).map((b) => b.text.trim())].filter((t) => t !== '');
    return { id: f.def.id, title: f.title, text: body.join('\n'), source: heading.source };
  });
  const problems = sectionDefs
    .map((d, i) => ({ d, number: i + 1 }))
    .filter(({ d }) => !found.some((f) => f.def.id === d.id))
    .map(({ d, number }) => problem('SECTION_MISSING', `Section ${number} ${quote(d.title)} not found: no heading names it`));
  return { sections, problems };
}
