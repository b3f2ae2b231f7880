import { describe, expect, it } from 'vitest';
import { formatPageRange, parsePageParams, withinLastPage, type PageRequest } from './pagination';

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

describe('withinLastPage', () => {
  const rows = Array.from({ length: 45 }, (_, i) => i + 1);
  const run = (p: PageRequest) => ({ rows: rows.slice(p.offset, p.offset + p.pageSize), total: rows.length });

  it('answers the last page for a page past the end', () => {
    const { result, page } = withinLastPage({ page: 999, pageSize: 20, offset: 19_960 }, run);
    expect(page).toEqual({ page: 3, pageSize: 20, offset: 40 });
    expect(result.rows).toEqual([41, 42, 43, 44, 45]);
    expect(formatPageRange(page.page, page.pageSize, result.total)).toBe('41–45 of 45');
  });

  it('leaves a page in range alone, and an empty list on page 1', () => {
    expect(withinLastPage({ page: 2, pageSize: 20, offset: 20 }, run).page.page).toBe(2);
    const empty = withinLastPage({ page: 4, pageSize: 20, offset: 60 }, () => ({ rows: [], total: 0 }));
    expect(empty.page).toEqual({ page: 1, pageSize: 20, offset: 0 });
  });
});
