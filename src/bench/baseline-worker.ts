/**
 * The benchmark's baseline: bare pdf.js on a file, getTextContent and
 * getOperatorList of every page and nothing else — the least any PDF reader
 * built on pdf.js must do. Same loading options as the pipeline.
 */
import { readFile } from 'node:fs/promises';
import { openPdf } from '../../extractors/pdf/load.js';
import { serveJobs } from '../batch/serve.js';

export interface BaselineResult {
  pages: number;
  failed?: string;
}

async function parse(path: string): Promise<BaselineResult> {
  const task = openPdf(await readFile(path));
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      await page.getOperatorList();
      page.cleanup();
    }
    return { pages: doc.numPages };
  } catch (error) {
    return { pages: 0, failed: (error as Error).message };
  } finally {
    await task.destroy();
  }
}

serveJobs(
  (job) => parse(job.path),
  (_job, error) => ({ pages: 0, failed: error instanceof Error ? error.message : String(error) }),
);
