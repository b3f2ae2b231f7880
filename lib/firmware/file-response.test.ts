import { describe, expect, it } from 'vitest';
import { parseByteRange } from './file-response';

describe('parseByteRange', () => {
  const size = 1000;

  it('serves the whole file without a Range header, for other units and for multiple ranges', () => {
    expect(parseByteRange(null, size)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-5', size)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-1,5-9', size)).toEqual({ kind: 'full' });
  });

  it('reads first bytes, a middle slice, an open end and a suffix', () => {
    expect(parseByteRange('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=400-599', size)).toEqual({ kind: 'partial', start: 400, end: 599 });
    expect(parseByteRange('bytes=990-', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(parseByteRange('bytes=-100', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    // A suffix longer than the file is the whole file; an end past the file is clamped.
    expect(parseByteRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseByteRange('bytes=900-5000', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
  });

  it('finds malformed and out-of-bounds byte ranges unsatisfiable', () => {
    for (const header of ['bytes=1000-', 'bytes=5-2', 'bytes=abc', 'bytes=-', 'bytes=-0', 'bytes=1-2-3']) {
      expect(parseByteRange(header, size), header).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
