import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../extractors/html/decode.js';

const body = '<p>朱镕基 政府信息公开工作年度报告 予以公开</p>';
const page = (meta: string) => `<html><head>${meta}<title>t</title></head><body>${body}</body></html>`;

describe('decodeHtml', () => {
  it('reads UTF-8 with and without a declaration', () => {
    expect(decodeHtml(Buffer.from(page('<meta charset="utf-8">'))).text).toContain(body);
    const undeclared = decodeHtml(Buffer.from(page('')));
    expect(undeclared.text).toContain(body);
    expect(undeclared.encoding).toBe('utf-8');
    expect(undeclared.problems).toEqual([]);
  });

  it('reads GBK declared as gb2312, including GBK-only characters (镕)', () => {
    const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    const decoded = decodeHtml(bytes);
    expect(decoded.text).toContain(body);
    expect(decoded.encoding).toBe('gbk');
    expect(decoded.problems).toEqual([]);
  });

  it('detects undeclared GBK instead of garbling it', () => {
    const decoded = decodeHtml(iconv.encode(page(''), 'gbk'));
    expect(decoded.text).toContain(body);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.problems.map((p) => p.code)).toEqual(['ENCODING_GUESSED']);
  });

  it('overrides a UTF-8 declaration that the bytes contradict', () => {
    const decoded = decodeHtml(iconv.encode(page('<meta charset="utf-8">'), 'gbk'));
    expect(decoded.text).toContain(body);
    expect(decoded.problems[0]!.message).toContain('declares utf-8');
  });

  it('reads GB18030 declared pages and a UTF-8 BOM', () => {
    expect(decodeHtml(iconv.encode(page('<meta charset="gb18030">'), 'gb18030')).text).toContain(body);
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(''))])).text).toContain(body);
  });
});
