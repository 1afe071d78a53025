import { describe, expect, it } from 'vitest';
import { isValueLike, parseValue } from '../src/text/number.js';

describe('parseValue', () => {
  it.each([
    ['12', 12],
    [' 12 ', 12],
    ['１２', 12],
    ['1,234', 1234],
    ['1，234', 1234],
    ['96171.6', 96171.6],
    ['+2', 2],
    ['-1', -1],
    ['－8', -8],
    ['0', 0],
  ])('reads %j as %d', (raw, value) => {
    expect(parseValue(raw)).toEqual({ state: 'number', value });
  });

  it.each([
    ['11\u200b00', 1100],
    ['11\u000000', 1100],
    ['\u200e1100\u200f', 1100],
    ['\ufeff１１００', 1100],
  ])('reads %j, an invisible character inside it, as the %d it shows, never a shorter number', (raw, value) => {
    expect(parseValue(raw)).toEqual({ state: 'number', value });
  });

  it.each([
    ['5件', 5, '件'],
    ['2笔', 2, '笔'],
    ['3 项', 3, '项'],
    ['251000元', 251000, '元'],
    ['984,361元', 984361, '元'],
    ['12.5万元', 12.5, '万元'],
    ['1.2亿元', 1.2, '亿元'],
  ])('reads %j as %d in the unit it prints, %s', (raw, value, unit) => {
    expect(parseValue(raw)).toEqual({ state: 'number', value, unit });
  });

  it.each(['', '   ', '\u00a0', '\u3000'])('keeps %j blank, not 0', (raw) => {
    expect(parseValue(raw)).toEqual({ state: 'blank', value: null });
  });

  it.each(['-', '—', '——', '/', '无', '－'])('keeps %j as a dash', (raw) => {
    expect(parseValue(raw)).toEqual({ state: 'dash', value: null });
  });

  it.each(['12a', '1 2', '一', '1,23', '1.2.3', '予以公开', '12%'])('refuses %j', (raw) => {
    expect(parseValue(raw)).toEqual({ state: 'unreadable', value: null });
  });

  it('tells values from labels', () => {
    expect(isValueLike('')).toBe(true);
    expect(isValueLike('—')).toBe(true);
    expect(isValueLike('3.其他')).toBe(false);
  });
});
