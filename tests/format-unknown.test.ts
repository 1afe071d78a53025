/**
 * A scanned Table 3 whose （六） rows OCR misread: nothing in the table tells the format version. Every cell
 * whose value is then not read must be named by an error or warning (the scorer counts a wrong cell no
 * problem names as silent), and a known report year must still decide the version.
 */
import { describe, expect, it } from 'vitest';
import { tableCellKeys } from '../mappings/keys.js';
import { table3RowKeys } from '../mappings/table3.js';
import { mapReport } from '../src/mapper/index.js';
import type { MappedReport } from '../src/mapper/index.js';
import { layoutOf, para, table } from './helpers/layout.js';
import type { CellSpec } from './helpers/layout.js';
import { applicantKeys, distinct, flatTable3, officialTable4 } from './helpers/official.js';

/** The 2021 rows that tell the version, with the （六）其他处理 group label on the first of them. */
const versionRows = ['otherNoCorrection', 'otherUnpaidFee', 'otherOther'];

/** The flattened 2021 Table 3 with every label cell of the （六） rows read as noise, the numbers intact. */
function garbledTable3(): CellSpec[][] {
  const order = table3RowKeys('2021');
  return flatTable3(distinct).map((row, i) => {
    const key = i >= 3 ? order[i - 3] : undefined;
    if (!key || !versionRows.includes(key)) return row;
    return row.map((cell) => (typeof cell === 'string' && !/^\d+$/.test(cell) ? '▓▓▓▓' : cell));
  });
}

/** Keys an error or warning names. */
const namedKeys = (r: MappedReport) => new Set(r.problems.filter((p) => p.severity !== 'info').flatMap((p) => p.cells ?? []));

const garbledKeys = versionRows.flatMap((row) => applicantKeys.map((col) => `t3.${row}.${col}`));

describe('a Table 3 whose version-specific rows are misread', () => {
  it('without a year: the cells left unread for want of a version are named by FORMAT_UNKNOWN', () => {
    const r = mapReport(layoutOf(para('某县人民政府政府信息公开工作年度报告'), table(garbledTable3(), 0), table(officialTable4(() => '0'), 1)));
    expect(r.formatVersion).toBe('unknown');
    const unknown = r.problems.filter((p) => p.code === 'FORMAT_UNKNOWN');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.severity).toBe('warning');
    // The 21 cells of the three 2021 （六） rows (the truth's numbers) and the 7 of the 2019 （六） row.
    expect(new Set(unknown[0]!.cells)).toEqual(new Set([...garbledKeys, ...applicantKeys.map((c) => `t3.otherAll.${c}`)]));
    // Every 2021 Table 3 cell is either read right or named by an error or warning: none is a silent gap.
    const named = namedKeys(r);
    for (const key of tableCellKeys('t3', '2021')) {
      const [, row, col] = key.split('.');
      const cell = r.cells[key];
      if (cell?.value === Number(distinct(row!, col!))) continue;
      expect(named.has(key), key).toBe(true);
    }
  });

  it('without a year and without Table 2: its cells (of either version) are named by TABLE_MISSING', () => {
    const r = mapReport(layoutOf(para('某县人民政府政府信息公开工作年度报告'), table(garbledTable3(), 0), table(officialTable4(() => '0'), 1)));
    const missing = r.problems.filter((p) => p.code === 'TABLE_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.severity).toBe('error');
    expect(new Set(missing[0]!.cells)).toEqual(new Set([...tableCellKeys('t2', '2021'), ...tableCellKeys('t2', '2019')]));
  });

  it('with a 2021-or-later year: the 2021 format and its keys, the unread cells absent and named by CELL_MISSING', () => {
    const r = mapReport(layoutOf(para('某县人民政府2023年政府信息公开工作年度报告'), table(garbledTable3(), 0), table(officialTable4(() => '0'), 1)));
    expect(r.formatVersion).toBe('2021');
    expect(r.t3Version).toBe('2021');
    for (const key of tableCellKeys('t3', '2021')) expect(r.cells[key], key).toBeDefined();
    expect(r.cells['t3.otherAll.total']).toBeUndefined();
    for (const key of garbledKeys) expect(r.cells[key]!.state, key).toBe('absent');
    const cellMissing = new Set(r.problems.filter((p) => p.code === 'CELL_MISSING').flatMap((p) => p.cells ?? []));
    for (const key of garbledKeys) expect(cellMissing.has(key), key).toBe(true);
    // The rows that were read keep their values.
    expect(r.cells['t3.resultTotal.natural']!.value).toBe(Number(distinct('resultTotal', 'natural')));
  });

  it('with a 2021-or-later year and no Table 2: a Table 3 read as 2019-style does not make the report 2019; its 2021 rows are named', () => {
    // The single （六）其他处理 row: a hybrid table, or the three 2021 rows misread into one.
    const r = mapReport(layoutOf(para('某县人民政府2023年政府信息公开工作年度报告'), table(flatTable3(distinct, '2019'), 0), table(officialTable4(() => '0'), 1)));
    expect(r.formatVersion).toBe('2021');
    expect(r.t3Version).toBe('2019');
    expect(r.cells['t3.otherAll.total']!.value).toBe(Number(distinct('otherAll', 'total')));
    const hybrid = r.problems.filter((p) => p.code === 'FORMAT_HYBRID');
    expect(hybrid).toHaveLength(1);
    expect(new Set(hybrid[0]!.cells)).toEqual(new Set(garbledKeys));
    // Table 2 is missing, and its 2021 cells are named.
    const named = namedKeys(r);
    for (const key of tableCellKeys('t2', '2021')) expect(named.has(key), key).toBe(true);
  });
});
