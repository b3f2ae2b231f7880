import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy, { type Busboy } from 'busboy';
import { AppError } from '@/lib/errors';

export type MultipartFile = { fieldName: string; fileName: string; stream: Readable };

export const NO_FILE_MESSAGE = 'Choose a firmware file';
const interrupted = () => new AppError('INVALID_INPUT', 'The upload did not complete. Please try again.');

/**
 * Reads a multipart/form-data body made of text fields followed by one file, without buffering it: `onFile`
 * receives the fields sent before the file and must consume the file stream. Resolves with `onFile`'s result
 * once the whole body has arrived; if the body fails after `onFile` succeeded, `discard` undoes its work.
 * When `onFile` fails early (e.g. invalid fields) the rest of the body is drained, so the client, still uploading,
 * reads the error response instead of a reset connection.
 */
export async function readFormWithFile<T>({
  body,
  contentType,
  onFile,
  discard,
}: {
  body: ReadableStream<Uint8Array> | Readable;
  contentType: string | null;
  onFile: (fields: Record<string, string>, file: MultipartFile) => Promise<T>;
  discard: (result: T) => Promise<void>;
}): Promise<T> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType ?? '' },
      limits: { files: 1, fields: 50, parts: 60, fieldSize: 64 * 1024 },
    });
  } catch {
    throw new AppError('INVALID_INPUT', 'Send the firmware as multipart/form-data.');
  }

  const fields: Record<string, string> = {};
  let handling: Promise<T> | undefined;
  let handlerError: unknown;
  const handlerFailed = new Promise<never>((_, reject) => {
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (fieldName, stream, info) => {
      if (handling) {
        stream.resume();
        return;
      }
      // onFile may await (mkdir, open) before it reads: a body broken off meanwhile destroys the file stream with an
      // error that nobody listens to yet, which would be an uncaught exception. The reader still sees it on read.
      stream.on('error', () => undefined);
      handling = onFile({ ...fields }, { fieldName, fileName: info.filename ?? '', stream });
      handling.catch((e: unknown) => {
        // The parser fails the file stream when the body breaks off: that is the client's interruption, not ours.
        handlerError = stream.errored ? interrupted() : e;
        // A stream the handler destroyed can no longer be drained: the parser would wait on it forever.
        if (stream.destroyed) parser.destroy();
        else stream.resume();
        reject(handlerError);
      });
    });
  });
  handlerFailed.catch(() => undefined);

  const source = body instanceof Readable ? body : Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  // The client may break the body off after the outcome is decided (and the pipeline's listeners are gone); such a
  // late error is the client's business and must not surface as an uncaught exception that stops the server.
  source.on('error', () => undefined);
  const parsed = pipeline(source, parser);
  try {
    await Promise.race([parsed, handlerFailed]);
  } catch (e) {
    parsed.catch(() => undefined);
    if (handling) {
      const done = await handling.then(
        (result) => ({ ok: true as const, result }),
        () => ({ ok: false as const }),
      );
      if (done.ok) await discard(done.result);
    }
    throw e === handlerError || e instanceof AppError ? e : interrupted();
  }
  if (!handling) throw new AppError('INVALID_INPUT', NO_FILE_MESSAGE, { fileName: [NO_FILE_MESSAGE] });
  return handling;
}

/** A multipart body as the browser sends it (text fields first, then the file), for in-process uploads. */
export function multipartUpload(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const request = new Request('http://localhost/api/firmware', { method: 'POST', body: form });
  return { body: request.body!, contentType: request.headers.get('content-type') };
}
