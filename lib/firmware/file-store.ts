import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import { fileTooLargeMessage } from '@/lib/validation/firmware';

/**
 * Content-addressed firmware files: DATA_DIR/files/{ouId}/{sha256}. Uploads are written to DATA_DIR/tmp (same
 * filesystem, so the final rename is atomic), hashed on the way, fsynced, and only then moved into place.
 */

export type ReceivedFile = { tempPath: string; size: number; md5: string; sha256: string };

export function storedFilePath(dataDir: string, ouId: number, sha256: string): string {
  return path.join(dataDir, 'files', String(ouId), sha256);
}

export function fileTooLargeError(maxBytes: number): AppError {
  const message = fileTooLargeMessage(maxBytes);
  return new AppError('INVALID_INPUT', message, { fileName: [message] });
}

/**
 * Streams `source` into a new temp file while computing MD5 and SHA-256 in the same pass, then fsyncs it.
 * Past `maxBytes` nothing more is written but the source is still read to its end (a multipart parser behind it
 * can then finish the request), and the call fails. Any failure removes the temp file.
 */
export async function receiveToTempFile({
  dataDir,
  source,
  maxBytes,
}: {
  dataDir: string;
  source: AsyncIterable<Uint8Array>;
  maxBytes: number;
}): Promise<ReceivedFile> {
  const dir = path.join(dataDir, 'tmp');
  await fs.promises.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `upload-${crypto.randomUUID()}`);
  const md5 = crypto.createHash('md5');
  const sha256 = crypto.createHash('sha256');
  let size = 0;
  const handle = await fs.promises.open(tempPath, 'wx');
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) continue;
      md5.update(chunk);
      sha256.update(chunk);
      await writeAll(handle, chunk);
    }
    if (size > maxBytes) throw fileTooLargeError(maxBytes);
    await handle.sync();
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tempPath, { force: true });
    throw e;
  }
  return { tempPath, size, md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}

// A write may take fewer bytes than it was given; the rest must follow or the stored file would be short.
async function writeAll(handle: fs.promises.FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename in `dir` durable: the new directory entry survives a power loss once this returns. */
function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves a received temp file to its content-addressed place; when that file already exists (same bytes) the temp
 * file is dropped instead. Synchronous on purpose: with the database insert that follows, no other request of this
 * process can run in between. Returns whether this call created the stored file.
 */
export function placeReceivedFile(received: ReceivedFile, target: string): boolean {
  if (fs.existsSync(target)) {
    fs.rmSync(received.tempPath, { force: true });
    return false;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(received.tempPath, target);
  fsyncDirectory(path.dirname(target));
  return true;
}

export async function discardTempFile(received: ReceivedFile): Promise<void> {
  await fs.promises.rm(received.tempPath, { force: true });
}

export function removeStoredFile(target: string): void {
  fs.rmSync(target, { force: true });
}

/**
 * Removes what a crash can leave behind: temp files of uploads that never finished, and stored files without a
 * database row (a crash between the rename and the insert, or between a delete's commit and its unlink). Only files
 * untouched for `graceMs` go, so an upload another process is finishing right now is left alone.
 */
export function sweepFileStore({
  dataDir,
  isReferenced,
  graceMs,
  now = Date.now(),
}: {
  dataDir: string;
  isReferenced: (ouId: number, sha256: string) => boolean;
  graceMs: number;
  now?: number;
}): { tempFiles: number; unreferencedFiles: number } {
  const stale = (file: string) => now - fs.statSync(file).mtimeMs > graceMs;
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  let tempFiles = 0;
  let unreferencedFiles = 0;
  const tmpDir = path.join(dataDir, 'tmp');
  for (const name of list(tmpDir)) {
    const file = path.join(tmpDir, name);
    if (!stale(file)) continue;
    fs.rmSync(file, { force: true });
    tempFiles++;
  }
  const filesDir = path.join(dataDir, 'files');
  for (const ou of list(filesDir)) {
    for (const sha256 of list(path.join(filesDir, ou))) {
      const file = storedFilePath(dataDir, Number(ou), sha256);
      if (isReferenced(Number(ou), sha256) || !stale(file)) continue;
      fs.rmSync(file, { force: true });
      unreferencedFiles++;
    }
  }
  return { tempFiles, unreferencedFiles };
}
