/** Finding the six sections among the text blocks, in document order. */
import { maxHeadingLength, sections as sectionDefs } from '../../mappings/sections.js';
import type { Block, TextBlock } from '../model/layout.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { ReportSection } from '../model/report.js';
import { labelKey, normalizeText } from '../text/normalize.js';

/** A heading starts with the section's numeral and 、 (or . ．) and names the section within its first characters. */
function headingOf(block: TextBlock, numeral: string, keys: string[]): string | undefined {
  const text = normalizeText(block.text);
  if (!new RegExp(`^${numeral}[、.,，]`).test(text)) return undefined;
  const head = block.text.trim().slice(0, maxHeadingLength);
  if (!keys.some((k) => labelKey(head).includes(k))) return undefined;
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
      const title = headingOf(texts[i]!, def.numeral, def.contains);
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
    .filter((d) => !found.some((f) => f.def.id === d.id))
    .map((d) => problem('SECTION_MISSING', `未找到第${d.numeral}部分「${d.title}」`));
  return { sections, problems };
}
