/** The Word 97-2003 reader rebuilds table rows from tab-separated text (extractors/doc). */
import { describe, expect, it } from 'vitest';
import { splitRows } from '../extractors/doc/index.js';

describe('.doc rows from tab-separated text', () => {
  it('starts a new row at a label that follows values, dropping the row marks', () => {
    expect(splitRows(['（一）予以公开', '1', '2', '', '（二）部分公开', '3', '4', ''])).toEqual([
      ['（一）予以公开', '1', '2'],
      ['（二）部分公开', '3', '4'],
    ]);
  });

  it('ends a header row at its row mark when values follow it (Table 4 header over its data row)', () => {
    // As word-extractor gives the last line of template-2021-filled.doc's Table 4: the header's last
    // cells, the header row's mark, the 15 values, the data row's mark.
    const line = ['审结', '总计', '', '2', '0', '1', '0', '3', '0', '1', '0', '0', '1', '1', '0', '0', '0', '1', '', ''];
    expect(splitRows(line)).toEqual([
      ['审结', '总计'],
      ['2', '0', '1', '0', '3', '0', '1', '0', '0', '1', '1', '0', '0', '0', '1'],
    ]);
  });
});
