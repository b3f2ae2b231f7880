import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from './format';

describe('formatDateTime', () => {
  it('names the zone and shows midnight as 00, not 24', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 27, 0, 40, 5), 'UTC')).toBe('2026-11-27 00:40:05 UTC');
  });

  it('renders in the requested IANA zone', () => {
    expect(formatDateTime(Date.UTC(2026, 6, 1, 12, 0, 0), 'Europe/Berlin')).toBe('2026-07-01 14:00:00 GMT+2');
  });

  it('shows a dash for a missing time', () => {
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
  });
});
