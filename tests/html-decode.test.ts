import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, utf16ByZeros } from '../extractors/html/decode.js';

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

  describe('UTF-8 with a few invalid bytes stays UTF-8, the damage reported', () => {
    const text = page('<meta charset="utf-8">') + '<p>行政处罚 1100</p>'.repeat(20);
    const utf8 = Buffer.from(text);
    const damaged = (bytes: Buffer) => {
      const decoded = decodeHtml(bytes);
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text).toContain(body);
      return decoded;
    };

    it('a file cut mid-character', () => {
      const cut = Buffer.concat([utf8, Buffer.from('政').subarray(0, 2)]);
      const decoded = damaged(cut);
      expect(decoded.text.endsWith('<p>行政处罚 1100</p>\ufffd')).toBe(true);
      expect(decoded.problems.map((p) => [p.code, p.message])).toEqual([['ENCODING_GUESSED', expect.stringMatching(/^1 byte sequence is not valid utf-8/)]]);
    });

    it('two stray bytes, declared as UTF-8 or not declared', () => {
      const at = utf8.indexOf('</title>');
      const stray = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xff, 0xc0]), utf8.subarray(at)]);
      expect(damaged(stray).problems.map((p) => p.message)).toEqual([expect.stringMatching(/^2 byte sequences are not valid utf-8/)]);
      const undeclared = Buffer.from(stray.toString('latin1').replace('<meta charset="utf-8">', ''), 'latin1');
      expect(damaged(undeclared).problems.map((p) => p.message)).toEqual([expect.stringMatching(/^2 byte sequences are not valid utf-8/)]);
    });

    it('a literal U+FFFD in the bytes is no replacement', () => {
      expect(decodeHtml(Buffer.from(text + '\ufffd')).problems).toEqual([]);
    });

    it('GBK with a few bytes that happen to be valid UTF-8 is still GBK', () => {
      const decoded = decodeHtml(iconv.encode(page('') + '<p>行政处罚决定书，政府信息公开申请</p>'.repeat(20), 'gbk'));
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.text).toContain(body);
    });
  });

  describe('UTF-16 without a BOM, told by its zero bytes', () => {
    const text = '某某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n行政处罚 1100\n一是，一是，一是。\n';

    it.each(['utf-16le', 'utf-16be'] as const)('%s, as text and as a page', (label) => {
      const bytes = iconv.encode(text, label);
      expect(utf16ByZeros(bytes)).toBe(label);
      const decoded = decodeHtml(bytes, { markup: false });
      expect(decoded).toMatchObject({ text, encoding: label });
      expect(decoded.problems.map((p) => p.code)).toEqual(['ENCODING_GUESSED']);
      expect(decodeHtml(iconv.encode(page(''), label)).text).toContain(body);
    });

    it('UTF-8 and GBK are not UTF-16, nor is UTF-8 with a stray NUL or two', () => {
      expect(utf16ByZeros(Buffer.from(text))).toBeUndefined();
      expect(utf16ByZeros(iconv.encode(text, 'gbk'))).toBeUndefined();
      expect(utf16ByZeros(Buffer.from(text.replace('1100', '11\u000000').replace('2021', '20\u000021')))).toBeUndefined();
      expect(decodeHtml(Buffer.from(text.replace('1100', '11\u000000')), { markup: false }).encoding).toBe('utf-8');
    });
  });
});
