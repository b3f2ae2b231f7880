import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedFilePath, sweepFileStore } from './file-store';

describe('sweepFileStore', () => {
  let dataDir: string;
  const hour = 60 * 60 * 1000;
  const write = (file: string, ageMs: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'bytes');
    const at = new Date(Date.now() - ageMs);
    fs.utimesSync(file, at, at);
    return file;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-sweep-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('removes stale temp files and stored files without a row, and keeps everything else', () => {
    const staleTemp = write(path.join(dataDir, 'tmp', 'upload-a'), 2 * hour);
    const freshTemp = write(path.join(dataDir, 'tmp', 'upload-b'), 1000);
    const kept = write(storedFilePath(dataDir, 1, 'aa'), 2 * hour);
    const orphan = write(storedFilePath(dataDir, 1, 'bb'), 2 * hour);
    const freshOrphan = write(storedFilePath(dataDir, 2, 'cc'), 1000);
    // The same bytes in another OU are another OU's file: referenced only there.
    const otherOu = write(storedFilePath(dataDir, 2, 'aa'), 2 * hour);

    const removed = sweepFileStore({ dataDir, graceMs: hour, isReferenced: (ouId, sha) => ouId === 1 && sha === 'aa' });

    expect(removed).toEqual({ tempFiles: 1, unreferencedFiles: 2 });
    expect([staleTemp, orphan, otherOu].filter((f) => fs.existsSync(f))).toEqual([]);
    expect([freshTemp, kept, freshOrphan].every((f) => fs.existsSync(f))).toBe(true);
  });

  it('does nothing on a data directory without files yet', () => {
    expect(sweepFileStore({ dataDir, graceMs: hour, isReferenced: () => false })).toEqual({ tempFiles: 0, unreferencedFiles: 0 });
  });
});
