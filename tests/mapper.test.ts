import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { table3RowKeys } from '../mappings/table3.js';
import { mapReport } from '../src/mapper/index.js';
import { mapTable3 } from '../src/mapper/table3.js';
import { mapTable4 } from '../src/mapper/table4.js';
import { mapTable2 } from '../src/mapper/table2.js';
import { oneApart, parseTitle, readMetadata } from '../src/mapper/metadata.js';
import { repoRoot } from '../src/eval/truth.js';
import { convertBytes } from '../src/pipeline.js';
import { toGrid } from '../src/layout/grid.js';
import { layoutOf, para, table } from './helpers/layout.js';
import type { CellSpec } from './helpers/layout.js';
import { applicantKeys, blockKeys, distinct, flatTable3, officialTable2, officialTable3, officialTable4, outcomeKeys } from './helpers/official.js';

const map3 = (rows: CellSpec[][]) => mapTable3(toGrid(table(rows)));

function expectDistinctValues(cells: ReturnType<typeof mapTable3>['cells'], version: '2021' | '2019' = '2021') {
  for (const row of table3RowKeys(version)) {
    for (const col of applicantKeys) {
      expect(cells.get(`t3.${row}.${col}`)?.value, `t3.${row}.${col}`).toBe(Number(distinct(row, col)));
    }
  }
}

describe('Table 3', () => {
  it('maps the official merged-cell markup, every cell at its own grid position', () => {
    const mapped = map3(officialTable3(distinct));
    expect(mapped.version).toBe('2021');
    expect(mapped.cells.size).toBe(175);
    expectDistinctValues(mapped.cells);
    expect([...mapped.cells.values()].every((c) => c.confidence === 1)).toBe(true);
    expect(mapped.problems).toEqual([]);
  });

  it('maps flattened markup where rows carry 1, 2 or 3 label cells', () => {
    const mapped = map3(flatTable3(distinct));
    expect(mapped.cells.size).toBe(175);
    expectDistinctValues(mapped.cells);
  });

  it('maps the 2019 layout with its single （六）其他处理 row', () => {
    const mapped = map3(officialTable3(distinct, '2019'));
    expect(mapped.version).toBe('2019');
    expect(mapped.cells.size).toBe(161);
    expectDistinctValues(mapped.cells, '2019');
  });

  it('drops blank padding cells after the values and says so', () => {
    const rows = flatTable3(distinct).map((r, i) => (i >= 3 ? [...r, '', ''] : r));
    const mapped = map3(rows);
    expectDistinctValues(mapped.cells);
    const extra = mapped.problems.filter((p) => p.code === 'ROW_EXTRA_CELLS');
    expect(extra.length).toBeGreaterThan(0);
    expect(extra[0]!.cells).toHaveLength(7);
  });

  it('takes the last 7 of too many non-blank cells, at low confidence, naming the cells', () => {
    const rows = flatTable3(distinct);
    const idx = rows.findIndex((r) => r.includes('3.危及“三安全一稳定”'));
    rows[idx] = ['', '3.危及“三安全一稳定”', '9', '9', '9', '9', ...applicantKeys.map((c) => distinct('deniedSafetyStability', c))];
    const mapped = map3(rows);
    expectDistinctValues(mapped.cells);
    expect(mapped.cells.get('t3.deniedSafetyStability.natural')!.confidence).toBeLessThan(0.8);
    const p = mapped.problems.find((x) => x.code === 'ROW_EXTRA_CELLS')!;
    expect(p.cells).toContain('t3.deniedSafetyStability.total');
    expect(p.message).toContain('「9」');
  });

  it('keeps its confidence where dropping the extras cannot change a value: a row that prints the same number throughout', () => {
    const rows = flatTable3(distinct);
    const idx = rows.findIndex((r) => r.includes('3.危及“三安全一稳定”'));
    // 11 zeros for 7 columns (a text export that adds empty columns as 0): each key gets 0 whichever four are dropped.
    rows[idx] = ['', '3.危及“三安全一稳定”', ...Array<string>(11).fill('0')];
    // 0 0 0 0 then 1 2 …: only the keys whose choices all print 0 keep their confidence.
    const mixed = rows.findIndex((r) => r.includes('4.保护第三方合法权益'));
    rows[mixed] = ['', '4.保护第三方合法权益', '0', '0', '0', '0', '0', '0', '0', '0', '1', '2', '3'];
    const mapped = map3(rows);
    for (const c of applicantKeys) {
      expect(mapped.cells.get(`t3.deniedSafetyStability.${c}`)).toMatchObject({ value: 0, confidence: 0.85 });
    }
    // The last 7 taken: 0 0 0 0 1 2 3. Key i chooses among cells i..i+4: the first four see only 0s, the rest see 1, 2, 3.
    expect(applicantKeys.map((c) => mapped.cells.get(`t3.deniedThirdParty.${c}`)!.confidence)).toEqual([0.85, 0.85, 0.85, 0.85, 0.5, 0.5, 0.5]);
    expect(mapped.problems.filter((p) => p.code === 'ROW_EXTRA_CELLS')).toHaveLength(2);
  });

  it('takes no comfort from blanks: a key whose choices are all blank stays in doubt', () => {
    const rows = flatTable3(distinct);
    const idx = rows.findIndex((r) => r.includes('3.危及“三安全一稳定”'));
    // Nine cells for seven columns, two too many: the second key takes one of cells 1..3, all blank.
    rows[idx] = ['', '3.危及“三安全一稳定”', '1', '', '', '', '2', '3', '4', '5', '6'];
    const mapped = map3(rows);
    expect(mapped.cells.get('t3.deniedSafetyStability.commercial')).toMatchObject({ state: 'blank', confidence: 0.5 });
  });

  it('places nothing in a row with too few value cells, and names its keys', () => {
    const rows = flatTable3(distinct);
    const idx = rows.findIndex((r) => r.includes('2.重复申请'));
    rows[idx] = ['2.重复申请', '1', '2', '3'];
    const mapped = map3(rows);
    expect(mapped.cells.has('t3.ignoredRepeat.natural')).toBe(false);
    const p = mapped.problems.find((x) => x.code === 'CELL_MISSING')!;
    expect(p.cells).toContain('t3.ignoredRepeat.natural');
  });

  it('keeps blank and dash cells as null with their state', () => {
    const mapped = map3(officialTable3((r, c) => (c === 'research' ? '' : c === 'legalService' ? '—' : distinct(r, c))));
    expect(mapped.cells.get('t3.granted.research')).toMatchObject({ value: null, state: 'blank' });
    expect(mapped.cells.get('t3.granted.legalService')).toMatchObject({ value: null, state: 'dash', raw: '—' });
  });

  it('reads a row cut by a page break into two grid rows (its cells spanning both) as one row, not a repeat', () => {
    // The official table with the 2.申请人逾期… row's cells spanning two grid rows, as a PDF page break leaves
    // them when a cell beside them that the break also cut was not joined: the second grid row holds only
    // the cells of the first again.
    const rows = officialTable3(distinct);
    const at = rows.findIndex((row) => row.some((c) => typeof c === 'string' && c.startsWith('2.申请人逾期')));
    const taller = (c: CellSpec): CellSpec => (typeof c === 'string' ? [c, 2, 1] : c);
    rows.splice(at, 1, rows[at]!.map(taller), []);
    // The group cells over the row grow by the row added.
    for (const row of rows) for (const c of row) if (Array.isArray(c) && ['三、本年度办理结果', '（六）其他处理'].includes(c[0])) c[1] += 1;
    const mapped = map3(rows);
    expect(mapped.problems.map((p) => p.code)).not.toContain('TABLE_REPEATED');
    expectDistinctValues(mapped.cells);
  });

  describe('labels OCR garbled, matched by closeness', () => {
    /** The official table (flattened: group labels run into a row's label cells) with some labels replaced. */
    const garbled = (replace: Record<string, string>, version: '2021' | '2019' = '2021') =>
      flatTable3(distinct, version).map((row) => row.map((c) => (typeof c === 'string' && c in replace ? replace[c]! : c)));
    const inferredRows = (mapped: ReturnType<typeof map3>) => mapped.problems.filter((p) => p.code === 'ROW_INFERRED');

    it('places rows whose labels are a character or two off, side by side (the order alone cannot), at the inferred confidence', () => {
      const mapped = map3(
        garbled({
          '2.重复申请': '2.重复申清',
          '3.要求提供公开出版物': '3、要求提供公开出板物',
          '1.本机关不掌握相关政府信息': '1.本机关不掌捤相关政府信总',
          '2.没有现成信息需要另行制作': '2.没有现戍信息需要另行制乍',
        }),
      );
      expectDistinctValues(mapped.cells);
      for (const row of ['ignoredRepeat', 'ignoredPublication', 'unableNotHeld', 'unableNeedsCreation']) {
        expect(mapped.cells.get(`t3.${row}.natural`)!.confidence, row).toBe(0.7);
      }
      expect(mapped.cells.get('t3.ignoredPetition.natural')!.confidence).toBeGreaterThan(0.7);
      const inferred = inferredRows(mapped);
      expect(inferred).toHaveLength(4);
      const repeat = inferred.find((p) => p.cells?.includes('t3.ignoredRepeat.natural'))!;
      expect(repeat.cells).toEqual(applicantKeys.map((c) => `t3.ignoredRepeat.${c}`));
      expect(repeat.message).toContain('2.重复申清');
      expect(repeat.message).toContain('2.重复申请');
      expect(mapped.problems.filter((p) => p.code === 'CELL_MISSING')).toEqual([]);
    });

    it('reads （六）其他处理 and （七）总计 through bracket, numeral and character misreads (2019)', () => {
      const mapped = map3(garbled({ '（六）其他处理': '(入)其也处理', '（七）总计': '(七总计' }, '2019'));
      expect(mapped.version).toBe('2019');
      expectDistinctValues(mapped.cells, '2019');
      expect(inferredRows(mapped).flatMap((p) => p.cells)).toEqual([
        ...applicantKeys.map((c) => `t3.otherAll.${c}`),
        ...applicantKeys.map((c) => `t3.resultTotal.${c}`),
      ]);
    });

    it('reads a row whose label cells ran together with its group labels and a stray number', () => {
      const rows = garbled({ '4.无正当理由大量反复申请': '4、无正当理由大最反复申请', '5.要求行政机关确认或重新出具已获取信息': '5.要求行政机关确认或重新出县己获取信息' });
      const at = rows.findIndex((r) => r.includes('4、无正当理由大最反复申请'));
      rows[at] = ['度办理结果 不予处理 4、无正当理由大最反复申请|53', ...rows[at]!.slice(1)];
      const mapped = map3(rows);
      expectDistinctValues(mapped.cells);
      expect(inferredRows(mapped)).toHaveLength(2);
    });

    it('places nothing where the label fits two rows alike, and says the values are missing', () => {
      // 予分公开 is one character from 予以公开 and from 部分公开: neither row is taken, nor is any value moved.
      const mapped = map3(garbled({ '（一）予以公开': '予分公开', '（二）部分公开': '予分公开' }));
      expect(mapped.cells.has('t3.granted.natural')).toBe(false);
      expect(mapped.cells.has('t3.partiallyGranted.natural')).toBe(false);
      expect(mapped.problems.filter((p) => p.code === 'CELL_MISSING')).toHaveLength(2);
      expect(inferredRows(mapped)).toEqual([]);
    });
  });

  describe('label and value cells a scan ran over several rows', () => {
    const rowsOf = () => flatTable3(distinct);
    const at = (rows: CellSpec[][], label: string) => rows.findIndex((r) => r.includes(label));

    it('does not take a row for one of the rows its label cell names when it names several (their rules lost)', () => {
      // The label column's rules were lost: the labels of 一 and 二 are read into the cell of （二）, and their
      // own rows have none. 本年新收 and 部分公开 are both in it; the row is 部分公开 by its neighbours only.
      const rows = rowsOf();
      for (const label of ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量']) rows[at(rows, label)]![0] = '';
      const mixed = rows[at(rows, '（二）部分公开')]!;
      mixed[mixed.indexOf('（二）部分公开')] = '（二）部分公开（区分处理的）一、本年新收政府信息公开申请数量二、上年结转政府信息公开申请数量';
      const mapped = map3(rows);
      for (const col of applicantKeys) {
        expect(mapped.cells.get(`t3.newReceived.${col}`)?.value, col).not.toBe(Number(distinct('partiallyGranted', col)));
        expect(mapped.cells.get(`t3.partiallyGranted.${col}`)?.value, col).toBe(Number(distinct('partiallyGranted', col)));
        expect(mapped.cells.get(`t3.partiallyGranted.${col}`)?.confidence, col).toBeLessThan(0.8);
      }
      const inferred = mapped.problems.find((p) => p.code === 'ROW_INFERRED' && p.cells?.includes('t3.partiallyGranted.natural'));
      expect(inferred?.message).toContain('names several rows');
    });

    it('places rows of numbers above the first labelled row, their labels lost, by their order, and says so', () => {
      const rows = rowsOf();
      for (const label of ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量']) rows[at(rows, label)]![0] = '';
      const mapped = map3(rows);
      for (const row of ['newReceived', 'carriedOver']) {
        for (const col of applicantKeys) {
          expect(mapped.cells.get(`t3.${row}.${col}`)?.value, `${row}.${col}`).toBe(Number(distinct(row, col)));
          expect(mapped.cells.get(`t3.${row}.${col}`)?.confidence, `${row}.${col}`).toBe(0.7);
        }
        expect(mapped.problems.some((p) => p.code === 'ROW_INFERRED' && p.cells?.includes(`t3.${row}.natural`)), row).toBe(true);
      }
      expect(mapped.problems.find((p) => p.code === 'ROW_INFERRED' && p.cells?.includes('t3.newReceived.natural'))?.message).toContain('by its order');
    });

    it('places no value of a cell that reaches over rows the format keeps apart', () => {
      // The total column's row rules were lost: one cell, read as 0, reaches down over three rows. None of
      // them may take it, and the rows' six other values, placed by order, fill no seven columns.
      const rows = rowsOf();
      const from = at(rows, '一、本年新收政府信息公开申请数量');
      for (let r = from; r < from + 3; r++) rows[r] = rows[r]!.slice(0, -1);
      rows[from]!.push(['0', 3, 1]);
      const mapped = map3(rows);
      for (const row of ['newReceived', 'carriedOver', 'granted']) {
        for (const col of applicantKeys) {
          const cell = mapped.cells.get(`t3.${row}.${col}`);
          const named = mapped.problems.some((p) => ['CELL_MISSING', 'CELL_UNREADABLE'].includes(p.code) && p.cells?.includes(`t3.${row}.${col}`));
          expect(cell?.value === Number(distinct(row, col)) || (named && (cell === undefined || cell.value === null)), `${row}.${col}`).toBe(true);
        }
      }
      expect(mapped.cells.get('t3.partiallyGranted.total')?.value).toBe(Number(distinct('partiallyGranted', 'total')));
    });
  });

  it('handles an extra empty header row instead of rowspans', () => {
    const rows = officialTable3(distinct);
    rows.splice(3, 0, ['', '', '', '', '', '', '', '', '', '']);
    expectDistinctValues(map3(rows).cells);
  });
});

describe('Table 4', () => {
  const v = (b: string, o: string) => String(blockKeys.indexOf(b) * 10 + outcomeKeys.indexOf(o));

  it('maps the three blocks of the official header', () => {
    const mapped = mapTable4(toGrid(table(officialTable4(v))));
    for (const b of blockKeys) for (const o of outcomeKeys) expect(mapped.cells.get(`t4.${b}.${o}`)?.value).toBe(Number(v(b, o)));
  });

  it('maps an extra header row of empty cells (no rowspan)', () => {
    const labels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const rows: CellSpec[][] = [
      [['行政复议', 1, 5], ['行政诉讼', 1, 10]],
      [...labels, ['未经复议直接起诉', 1, 5], ['复议后起诉', 1, 5]],
      ['', '', '', '', '', ...labels, ...labels],
      blockKeys.flatMap((b) => outcomeKeys.map((o) => v(b, o))),
    ];
    const mapped = mapTable4(toGrid(table(rows)));
    for (const b of blockKeys) for (const o of outcomeKeys) expect(mapped.cells.get(`t4.${b}.${o}`)?.value).toBe(Number(v(b, o)));
  });
  it('places an outcome column whose label OCR garbled by the closest label its neighbours leave room for', () => {
    const rows = officialTable4(v);
    // The 未经复议直接起诉 block's 结果纠正 and 其他结果, both misread (the order alone cannot place either).
    const lawsuits = rows[2]!;
    lawsuits[1] = '结果纠止';
    lawsuits[2] = '其它结果';
    const mapped = mapTable4(toGrid(table(rows)));
    for (const b of blockKeys) for (const o of outcomeKeys) expect(mapped.cells.get(`t4.${b}.${o}`)?.value, `${b}.${o}`).toBe(Number(v(b, o)));
    expect(mapped.cells.get('t4.suitDirect.corrected')!.confidence).toBe(0.7);
    expect(mapped.cells.get('t4.review.corrected')!.confidence).toBe(1);
    const inferred = mapped.problems.filter((p) => p.code === 'ROW_INFERRED');
    expect(inferred.flatMap((p) => p.cells)).toEqual(['t4.suitDirect.corrected', 't4.suitDirect.other']);
    expect(inferred[0]!.message).toContain('结果纠止');
  });
});

describe('Table 2', () => {
  it('maps the 2021 blocks with their merged value cells', () => {
    const v = (k: string) => String(k.length);
    const mapped = mapTable2(toGrid(table(officialTable2((k) => (k === 't2.fees.amount' ? '12.5' : v(k))))));
    expect(mapped.version).toBe('2021');
    expect(mapped.cells.get('t2.fees.amount')?.value).toBe(12.5);
    expect(mapped.cells.get('t2.normative.repealed')?.value).toBe('t2.normative.repealed'.length);
    expect(mapped.cells.size).toBe(10);
  });

  it('maps 2019 columns and signed changes', () => {
    const rows: CellSpec[][] = [
      [['第二十条第（五）项', 1, 4]],
      ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
      ['行政许可', '10', '-2', '300'],
      ['其他对外管理服务事项', '4', '+1', '20'],
    ];
    const mapped = mapTable2(toGrid(table(rows)));
    expect(mapped.version).toBe('2019');
    expect(mapped.cells.get('t2.license.delta')?.value).toBe(-2);
    expect(mapped.cells.get('t2.otherServices.delta')?.value).toBe(1);
    expect(mapped.cells.get('t2.otherServices.decisions')?.value).toBe(20);
  });
});

describe('Table 2 row labels OCR garbled', () => {
  it('places each by the closest label between its matched neighbours, at the inferred confidence, and leaves a two-character label alone', () => {
    const rows = officialTable2((k) => String(k.length)).map((row) =>
      row.map((c) => (c === '行政处罚' ? '行政处䍐' : c === '行政强制' ? '行攻强制' : c === '规章' ? '规草' : c)),
    );
    const mapped = mapTable2(toGrid(table(rows)));
    expect(mapped.cells.get('t2.penalty.decisions')).toMatchObject({ value: 't2.penalty.decisions'.length, confidence: 0.7 });
    expect(mapped.cells.get('t2.coercion.decisions')).toMatchObject({ value: 't2.coercion.decisions'.length, confidence: 0.7 });
    expect(mapped.cells.get('t2.license.decisions')!.confidence).toBe(1);
    expect(mapped.cells.has('t2.rules.issued')).toBe(false);
    const inferred = mapped.problems.filter((p) => p.code === 'ROW_INFERRED');
    expect(inferred.map((p) => p.cells)).toEqual([['t2.penalty.decisions'], ['t2.coercion.decisions']]);
    expect(inferred[0]!.message).toContain('行政处䍐');
  });
});

describe('Table 2 of the 2019 format as CMS editors print it', () => {
  it('reads a count or an amount with its unit printed in the cell, keeping the raw text', () => {
    const rows: CellSpec[][] = [
      [['第二十条第（九）项', 1, 3]],
      ['信息内容', '采购项目数量', '采购总金额'],
      ['政府集中采购', '2笔', '984361元'],
    ];
    const mapped = mapTable2(toGrid(table(rows)));
    expect(mapped.cells.get('t2.procurement.projects')).toMatchObject({ value: 2, raw: '2笔', state: 'number' });
    expect(mapped.cells.get('t2.procurement.amount')).toMatchObject({ value: 984361, raw: '984361元', state: 'number' });
    expect(mapped.problems).toEqual([]);
    expect(mapped.units?.size ?? 0).toBe(0);
  });

  it('keeps the unit a column label names for its cells', () => {
    const rows: CellSpec[][] = [
      [['第二十条第（九）项', 1, 3]],
      ['信息内容', '采购项目数量', '采购总金额（万元）'],
      ['政府集中采购', '2', '98.4'],
    ];
    const mapped = mapTable2(toGrid(table(rows)));
    expect(mapped.cells.get('t2.procurement.amount')?.value).toBe(98.4);
    expect([...(mapped.units ?? [])]).toEqual([['t2.procurement.amount', '万元']]);
  });

  it('places a row whose value spans disagree with its header by the row\'s own cells, as many as the columns', () => {
    // Header 上一年项目数量 | 本年增/减 (2 columns) | 处理决定数量; data 0 (2 columns) | 1 | 0.
    const rows: CellSpec[][] = [
      [['第二十条第（五）项', 1, 5]],
      ['信息内容', '上一年项目数量', ['本年增/减', 1, 2], '处理决定数量'],
      ['行政许可', ['0', 1, 2], '1', '7'],
    ];
    const mapped = mapTable2(toGrid(table(rows)));
    expect(mapped.cells.get('t2.license.prevCount')?.value).toBe(0);
    expect(mapped.cells.get('t2.license.delta')?.value).toBe(1);
    expect(mapped.cells.get('t2.license.decisions')?.value).toBe(7);
  });
});

describe('mapReport', () => {
  const full = (t3: CellSpec[][]) =>
    layoutOf(
      para('青山县人民政府2023年政府信息公开工作年度报告'),
      para('一、总体情况'),
      para('本年度……'),
      para('二、主动公开政府信息情况'),
      table(officialTable2(() => '1'), 0),
      para('三、收到和处理政府信息公开申请情况'),
      table(t3, 1),
      para('四、政府信息公开行政复议、行政诉讼情况'),
      table(officialTable4(() => '0'), 2),
      para('五、存在的主要问题及改进情况'),
      para('六、其他需要报告的事项'),
      para('无。'),
    );

  it('reads title, agency and year from the document and finds the six sections', () => {
    const r = mapReport(full(officialTable3(distinct)));
    expect(r.meta).toEqual({ title: '青山县人民政府2023年政府信息公开工作年度报告', agency: '青山县人民政府', year: 2023 });
    expect(r.formatVersion).toBe('2021');
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expect(r.sections.at(-1)!.text).toBe('无。');
    expect(Object.keys(r.cells)).toHaveLength(200);
  });

  it('reports a hybrid: 2021 Table 2 with a 2019-style Table 3', () => {
    const r = mapReport(full(officialTable3(distinct, '2019')));
    expect(r.formatVersion).toBe('2021');
    expect(Object.keys(r.cells)).toHaveLength(207);
    expect(r.cells['t3.otherOther.natural']!.state).toBe('absent');
    expect(r.cells['t3.otherAll.natural']!.value).toBe(Number(distinct('otherAll', 'natural')));
    const hybrid = r.problems.find((p) => p.code === 'FORMAT_HYBRID')!;
    expect(hybrid.cells).toContain('t3.otherOther.total');
    expect(r.problems.some((p) => p.code === 'CELL_MISSING')).toBe(false);
  });

  it('finds a section whose heading lost its numeral (OCR, or numbering an editor dropped)', () => {
    const layout = full(officialTable3(distinct));
    const at = layout.blocks.findIndex((b) => b.kind === 'text' && b.text === '二、主动公开政府信息情况');
    layout.blocks[at] = para('主动公开政府信息情况');
    const r = mapReport(layout);
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expect(r.problems.map((p) => p.code)).not.toContain('SECTION_MISSING');
  });

  it('finds a section whose heading OCR read with one stray character before it', () => {
    const layout = full(officialTable3(distinct));
    const at = layout.blocks.findIndex((b) => b.kind === 'text' && b.text === '六、其他需要报告的事项');
    layout.blocks[at] = para('人六、其他需要报告的事项');
    const r = mapReport(layout);
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expect(r.problems.map((p) => p.code)).not.toContain('SECTION_MISSING');
  });

  it('finds a heading joined after the last sentence of the paragraph before it (the top of a page), and keeps that sentence in its section', () => {
    const layout = full(officialTable3(distinct));
    const at = layout.blocks.findIndex((b) => b.kind === 'text' && b.text === '二、主动公开政府信息情况');
    layout.blocks[at] = para('全年未发生责任追究情况。二、主动公开政府信息情况');
    const r = mapReport(layout);
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expect(r.sections[1]!.title).toBe('二、主动公开政府信息情况');
    expect(r.sections[0]!.text).toBe('本年度……\n全年未发生责任追究情况。');
  });

  it('reports missing tables and sections', () => {
    const r = mapReport(layoutOf(para('某局2022年政府信息公开工作年度报告'), para('一、总体情况')));
    expect(r.formatVersion).toBe('2021');
    expect(r.problems.filter((p) => p.code === 'TABLE_MISSING')).toHaveLength(3);
    expect(r.problems.filter((p) => p.code === 'SECTION_MISSING')).toHaveLength(5);
    expect(Object.values(r.cells).every((c) => c.state === 'absent')).toBe(true);
  });

  it('gives an error, not warnings only, to a long text that names a report but holds no table and no year', () => {
    // Thousands of paragraphs (a page of two million is the same case, only slower): the size changes nothing.
    // They state a report's body (a count of disclosures): a title with no body at all is NOT_A_REPORT (not-a-report.test.ts).
    const paragraphs = Array.from({ length: 5000 }, (_, i) => para(`第${i + 1}段：本机关认真贯彻落实条例，主动公开政府信息${i + 1}条。`));
    const r = mapReport(layoutOf(para('某局政府信息公开工作年度报告'), ...paragraphs));
    expect(r.formatVersion).toBe('unknown');
    expect(r.problems.filter((p) => p.code === 'NOT_A_REPORT')).toEqual([]);
    const missing = r.problems.filter((p) => p.code === 'TABLE_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^No standard table found: /) });
    // A file that is no report at all keeps its one NOT_A_REPORT, without TABLE_MISSING besides.
    const other = mapReport(layoutOf(...paragraphs));
    expect(other.problems.map((p) => p.code).filter((c) => c === 'NOT_A_REPORT' || c === 'TABLE_MISSING')).toEqual(['NOT_A_REPORT']);
  });

  it('leaves a free-form pre-2019 report without cells or table problems', () => {
    const r = mapReport(layoutOf(para('某市2017年政府信息公开工作年度报告'), para('一、概述')));
    expect(r.formatVersion).toBe('pre2019');
    expect(r.cells).toEqual({});
    // Only the note that says which model applies: no missing tables or sections.
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['PRE2019_MODEL', 'info']]);
  });
});

describe('parseTitle', () => {
  it.each([
    ['平潭综合实验区2024年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会', '平潭综合实验区', 2024],
    ['2023年洪泽区人民政府政府信息公开工作年度报告', '洪泽区人民政府', 2023],
    ['淮安市人民政府 2024 年政府信息公开工作年度报告', '淮安市人民政府', 2024],
    ['沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局', '沭阳县发展和改革局', 2023],
    ['南山市交通運輸局2022年政府信息公開工作年度報告', '南山市交通運輸局', 2022],
    ['标题：青山县人民政府2023年政府信息公开工作年度报告', '青山县人民政府', 2023],
    ['首页>政务公开>年报 青石镇人民政府2024年政府信息公开工作年度报告 本报告依据《条例》', '青石镇人民政府', 2024],
  ])('%s', (text, agency, year) => {
    expect(parseTitle(text)).toMatchObject({ agency, year });
  });

  it('finds no title in text that is not one', () => {
    expect(parseTitle('2024年，我市坚持以习近平新时代中国特色社会主义思想为指导')).toBeUndefined();
  });

  it('takes no title from a list of links, where each title has its date run on (a CMS footer of earlier reports)', () => {
    expect(parseTitle('。青山县人民政府2020年政府信息公开工作年度报告2021-01-23')).toBeUndefined();
    expect(parseTitle('青山县人民政府2019年政府信息公开工作年度报告 [2020.1.20]')).toBeUndefined();
    // A date after a label is the page's own metadata, not a listing.
    expect(parseTitle('青山县人民政府2023年政府信息公开工作年度报告 发布日期：2024-01-20')).toMatchObject({ agency: '青山县人民政府', year: 2023 });
  });
});

describe('a document that prints Table 3 twice (two years, or pasted twice)', () => {
  it('reads the first, and says so instead of merging the two silently', async () => {
    const html = readFileSync(join(repoRoot(), 'samples', 'html', 'clean-2021-utf8.html'), 'utf8');
    const $ = load(html);
    const t3 = $('table').filter((_, t) => $(t).text().includes('本年新收政府信息公开申请数量')).first();
    // The second copy prints other numbers: a last-year table after this year's.
    const copy = $(t3.clone());
    copy.find('td').each((_, td) => {
      if (/^\d+$/.test($(td).text().trim())) $(td).text(String(Number($(td).text().trim()) + 1));
    });
    t3.after(copy);
    const once = await convertBytes(Buffer.from(html), 'once.html');
    const twice = await convertBytes(Buffer.from($.html()), 'twice.html');
    const repeated = twice.problems.filter((p) => p.code === 'TABLE_REPEATED');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]!.severity).toBe('error');
    expect(once.problems.map((p) => p.code)).not.toContain('TABLE_REPEATED');
    for (const key of Object.keys(once.cells).filter((k) => k.startsWith('t3.'))) expect(twice.cells[key]!.value, key).toBe(once.cells[key]!.value);
  });
});

describe('metadata read by OCR, checked against the body', () => {
  const ocrBlock = (text: string, confidence: number) => ({ kind: 'text' as const, role: 'paragraph' as const, text, source: { page: 1 }, confidence });
  it('doubts a title whose agency the body prints one character apart, and names both readings', () => {
    const meta = readMetadata({}, [
      ocrBlock('日沙县人力资源和社会保障局2022年政府信息公开工作年度报告', 0.95),
      ocrBlock('本年度，白沙县人力资源和社会保障局认真贯彻落实条例。', 0.9),
    ]);
    expect(meta.agency).toBe('日沙县人力资源和社会保障局');
    expect(meta.confidence).toBeLessThan(0.8);
    expect(meta.otherReading).toBe('白沙县人力资源和社会保障局');
  });

  it('keeps its confidence when the body agrees, or does not name the agency at all', () => {
    const agreeing = readMetadata({}, [ocrBlock('白沙县人民政府2022年政府信息公开工作年度报告', 0.95), ocrBlock('白沙县人民政府认真贯彻落实条例。', 0.9)]);
    expect(agreeing).toMatchObject({ agency: '白沙县人民政府', confidence: 0.95 });
    expect(agreeing.otherReading).toBeUndefined();
    expect(oneApart('白沙县人民政府', '本年度全县认真贯彻落实条例。')).toBeUndefined();
  });
});
