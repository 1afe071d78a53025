/**
 * The problem for images over the pixel budget in a PDF, naming the pages
 * that draw them. pdf.js resolves which page draws which image (resources
 * inherited, forms, annotations), so the pages are told by pdf.js itself:
 * in a copy where each such image is marked with a size no scan has
 * (images.ts), the pages that paint more images of that size than the file
 * as read are the ones. Run only for a file that has such an image.
 */
import { problem } from '../../src/model/problems.js';
import type { Problem } from '../../src/model/problems.js';
import { type DeclaredImage, markOversizedImages, markerImages } from './images.js';
import { openPdf } from './load.js';

async function markerCounts(bytes: Uint8Array): Promise<number[]> {
  const task = openPdf(bytes);
  try {
    const doc = await task.promise;
    const counts: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        counts.push(markerImages(await page.getOperatorList()));
      } catch {
        counts.push(0);
      } finally {
        page.cleanup();
      }
    }
    return counts;
  } finally {
    await task.destroy();
  }
}

/** The pages (1-based) that draw one of `oversized`. */
export async function pagesDrawing(bytes: Uint8Array, oversized: DeclaredImage[]): Promise<number[]> {
  const asRead = await markerCounts(bytes).catch(() => [] as number[]);
  const marked = await markerCounts(markOversizedImages(bytes, oversized)).catch(() => [] as number[]);
  return marked.flatMap((count, i) => (count > (asRead[i] ?? 0) ? [i + 1] : []));
}

/** One PAGE_UNREADABLE per page that draws an image over the budget; one for the file when no page is found. */
export async function refusedImageProblems(bytes: Uint8Array, oversized: Array<DeclaredImage & { why: string }>): Promise<Problem[]> {
  if (oversized.length === 0) return [];
  const sizes = [...new Set(oversized.map((i) => `${i.width}×${i.height}`))].join(', ');
  const what = oversized.length === 1 ? oversized[0]!.why : `images over the pixel budget (${sizes})`;
  const pages = await pagesDrawing(bytes, oversized);
  if (pages.length === 0) return [problem('PAGE_UNREADABLE', `The PDF holds ${what}: not decoded, and no page was found that draws it`)];
  return pages.map((page) => problem('PAGE_UNREADABLE', `Page ${page} draws ${what}: it was not decoded, and what it shows is not read`, { source: { page } }));
}
