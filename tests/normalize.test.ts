import { describe, expect, it } from 'vitest';
import { hasWords, labelKey, normalizeText } from '../src/text/normalize.js';

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
