import type { ActionResult } from '@/lib/errors';

export type UploadResult = ActionResult<{ id: number }>;

const NETWORK_ERROR: UploadResult = {
  ok: false,
  code: 'INTERNAL',
  message: 'The upload failed. Check your connection and try again.',
};

/**
 * POSTs the "Add Firmware" form to /api/firmware with XMLHttpRequest, the one browser API that reports upload
 * progress. Resolves with the route's ActionResult; `abort` cancels the upload.
 */
export function uploadFirmware(form: FormData, onProgress: (fraction: number) => void) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult>((resolve) => {
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as UploadResult);
      } catch {
        resolve(xhr.status === 401 ? { ok: false, code: 'UNAUTHENTICATED', message: 'Please sign in again.' } : NETWORK_ERROR);
      }
    };
    xhr.onerror = () => resolve(NETWORK_ERROR);
    xhr.onabort = () => resolve({ ok: false, code: 'INVALID_INPUT', message: 'The upload was canceled.' });
    xhr.open('POST', '/api/firmware');
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
