import { describe, expect, it } from 'vitest';
import { centerCols, charWidth, leftRight, paperColumns, padEndCols, padStartCols, textWidth, truncateCols, wrapCols } from '../../server/printing/width.ts';

describe('columns on thermal paper', () => {
  it('counts a Chinese character as two columns and ASCII as one', () => {
    expect(charWidth('号')).toBe(2);
    expect(charWidth('A')).toBe(1);
    expect(charWidth('，')).toBe(2); // full-width punctuation
    expect(charWidth('Ａ')).toBe(2); // full-width Latin
    expect(textWidth('A001')).toBe(4);
    expect(textWidth('社保医保')).toBe(8);
    expect(textWidth('您前面还有 3 人')).toBe(5 * 2 + 2 + 1 + 2);
    expect(textWidth('')).toBe(0);
  });

  it('knows the columns of 80 mm and 58 mm paper', () => {
    expect(paperColumns(80)).toBe(48);
    expect(paperColumns(58)).toBe(32);
  });

  it('puts a right-hand figure flush right on a 48-column line whatever the script', () => {
    const line = leftRight('预计等待', '约 12 分钟', 48);
    expect(textWidth(line)).toBe(48);
    expect(line.startsWith('预计等待')).toBe(true);
    expect(line.endsWith('约 12 分钟')).toBe(true);
    // The library would have counted 4 + 7 characters and padded 37 spaces: 11 columns too many.
    expect(line.length).toBe(48 - 4 - 3);
  });

  it('shortens the left side, not the figure, when a line is too long', () => {
    const line = leftRight('一个非常非常非常长的说明文字', '99 人', 16);
    expect(textWidth(line)).toBeLessThanOrEqual(16);
    expect(line.endsWith('99 人')).toBe(true);
    expect(line).toBe('一个非常非 99 人');
  });

  it('never splits a wide character when truncating', () => {
    expect(truncateCols('社保医保', 5)).toBe('社保');
    expect(truncateCols('AB社保', 3)).toBe('AB');
    expect(truncateCols('AB社保', 4)).toBe('AB社');
  });

  it('pads and centres by columns', () => {
    expect(padEndCols('号', 4)).toBe('号  ');
    expect(padStartCols('号', 4)).toBe('  号');
    expect(centerCols('取号', 9)).toBe('  取号   ');
    expect(textWidth(centerCols('示例镇便民服务中心', 32))).toBe(32);
  });

  it('wraps Chinese anywhere and Latin at spaces, within the columns', () => {
    const zh = wrapCols('请留意叫号，过号请重新取号', 10);
    expect(zh).toEqual(['请留意叫号', '，过号请重', '新取号']);
    const en = wrapCols('Please wait for your number', 12);
    expect(en).toEqual(['Please wait', 'for your', 'number']);
    for (const l of [...zh, ...en]) expect(textWidth(l)).toBeLessThanOrEqual(12);
    expect(wrapCols('示例镇便民服务中心', 48)).toEqual(['示例镇便民服务中心']);
  });
});
