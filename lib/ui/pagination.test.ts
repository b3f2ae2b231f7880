import { describe, expect, it } from 'vitest';
import { formatPageRange, parsePageParams } from './pagination';

describe('formatPageRange', () => {
  it('names the rows a page shows', () => {
    expect(formatPageRange(1, 20, 560)).toBe('1–20 of 560');
    expect(formatPageRange(2, 20, 25)).toBe('21–25 of 25');
    expect(formatPageRange(1, 100, 12_345)).toBe('1–100 of 12,345');
  });

  it('says there is nothing rather than "0–0 of 0"', () => {
    expect(formatPageRange(1, 20, 0)).toBe('No results');
  });
});

describe('parsePageParams', () => {
  it('falls back to page 1 of 20 on odd values', () => {
    expect(parsePageParams({ page: 'x', pageSize: '7' })).toEqual({ page: 1, pageSize: 20, offset: 0 });
    expect(parsePageParams({ page: '3', pageSize: '50' })).toEqual({ page: 3, pageSize: 50, offset: 100 });
  });
});
