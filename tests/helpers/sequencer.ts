/**
 * The order test files start in (vitest.config.ts sequence.sequencer): the
 * long ones first, so that two workers end together instead of one running
 * a long OCR file alone at the end. vitest's own order takes durations from
 * its cache, which a fresh CI machine does not have (it then starts the
 * largest files first, and the OCR files are short): the files listed here
 * start first, in this order, then the rest in vitest's order.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The files that take longest (seconds measured on 2 idle cores, README "Tests"), longest first. */
export const longestFirst = [
  // Waits for a fifth of one core by design (four busy loops beside it): start it while the other core works.
  'tests/busy-machine.test.ts',
  'tests/ocr.test.ts',
  'tests/queue.test.ts',
  'tests/compare-series-page.test.ts',
  'tests/ocr-variants.test.ts',
  'tests/library-api.test.ts',
  'tests/batch.test.ts',
  'tests/cli.test.ts',
  'tests/export.test.ts',
  'tests/ocr-wrap.test.ts',
  'tests/pre2019-formats.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = longestFirst.indexOf(relative(file.project.config.root, file.moduleId));
      return at < 0 ? longestFirst.length : at;
    };
    const theirs = await super.sort(files);
    return theirs.map((file, i) => ({ file, i })).sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i).map(({ file }) => file);
  }
}
