import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalText, hasWords, labelKey, normalizeText } from '../src/text/normalize.js';

describe('labelKey', () => {
  it('removes numbering in all its forms', () => {
    for (const label of ['1.属于国家秘密', '1、属于国家秘密', '1．属于国家秘密', '（1）属于国家秘密', '属于国家秘密']) {
      expect(labelKey(label)).toBe('属于国家秘密');
    }
    expect(labelKey('三、（一）予以公开')).toBe('予以公开');
    expect(labelKey('(七)总计')).toBe('总计');
  });

  it('removes whitespace, line breaks and NBSP inside labels', () => {
    expect(labelKey('法 律 服 务\n机构')).toBe('法律服务机构');
    expect(labelKey('商业企\u00a0业')).toBe('商业企业');
    expect(labelKey('总\u3000计')).toBe('总计');
  });

  it('unifies quotes and full-width punctuation', () => {
    expect(labelKey('3.危及“三安全一稳定”')).toBe(labelKey('3.危及"三安全一稳定"'));
    expect(labelKey('（二）部分公开（区分处理的）')).toBe('部分公开(区分处理的)');
  });

  it('converts traditional characters with OpenCC', () => {
    expect(labelKey('行政復議')).toBe('行政复议');
    expect(labelKey('規範性文件')).toBe('规范性文件');
    expect(labelKey('總計')).toBe('总计');
  });

  it('drops pinyin glosses inserted by mirror sites', () => {
    expect(normalizeText('國務(wù)院')).toBe('国务院');
  });

  it('keeps digits that are not numbering', () => {
    expect(labelKey('2021年')).toBe('2021年');
  });
});

describe('hasWords', () => {
  it('tells labels from values', () => {
    expect(hasWords('予以公开')).toBe(true);
    expect(hasWords('12')).toBe(false);
    expect(hasWords('—')).toBe(false);
  });
});

describe('canonicalText', () => {
  it('turns radicals that print as ideographs into those ideographs (Chromium-printed PDFs)', () => {
    // Kangxi radicals (U+2F00 block) and the CJK Radicals Supplement (⺠ U+2EA0, ⻄ U+2EC4).
    expect(canonicalText('\u2f00、总体情况')).toBe('一、总体情况');
    expect(canonicalText('云岭市\u2f08\u2ea0政府')).toBe('云岭市人民政府');
    expect(canonicalText('\u2ec4部')).toBe('西部');
    expect(canonicalText('政府信息公开\u2f2f作')).toBe('政府信息公开工作');
    expect(canonicalText('云岭市\u2f08\u2ea0政府')).toContain('人民');
  });

  it('turns full-width digits into ASCII and keeps full-width punctuation, letters and traditional characters', () => {
    expect(canonicalText('受理申请１２件，（一）ＡＢ行政復議')).toBe('受理申请12件，（一）ＡＢ行政復議');
  });

  it('removes invisible characters: zero-width space, direction marks, BOM, NUL; keeps tabs, line breaks and spaces', () => {
    expect(canonicalText('11\u200b00')).toBe('1100');
    expect(canonicalText('11\u000000')).toBe('1100');
    expect(canonicalText('\u200e11\u200f00\u202a\ufeff\u00ad')).toBe('1100');
    expect(canonicalText('a\tb\nc\r\nd e\u3000f\fg')).toBe('a\tb\nc\r\nd e\u3000f\fg');
  });

  it('says where each character of the result stood in the input', () => {
    const { text, origin } = canonicalize('行\u200b政１\u200e2');
    expect(text).toBe('行政12');
    expect(origin).toEqual([0, 2, 3, 5]);
  });

  it('is what labels are matched by', () => {
    expect(labelKey('（\u2f00）\u2f08\u2ea0团体')).toBe(labelKey('（一）人民团体'));
  });
});
