import type { Readable } from 'node:stream';
import { getDb, type Db, type DbOrTx } from '@/db/client';
import { countDevicesByVersion } from '@/db/queries/devices';
import {
  deleteFirmwareWithJobs,
  firmwareHasActiveWork,
  getFirmwareByVersion,
  getFirmwareInOu,
  getStoredFileBySha,
  insertFirmwareWithTags,
  insertStoredFile,
  listFirmware,
  listFirmwareTags,
  type FirmwareQueryFilter,
  type FirmwareSort,
} from '@/db/queries/firmware';
import { getProductByKey, getProductInOu, listProducts } from '@/db/queries/fleet';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { getEnv } from '@/lib/env';
import { AppError, zodFieldErrors } from '@/lib/errors';
import {
  discardTempFile,
  fileTooLargeError,
  placeReceivedFile,
  receiveToTempFile,
  removeStoredFile,
  storedFilePath,
  type ReceivedFile,
} from '@/lib/firmware/file-store';
import { readFormWithFile } from '@/lib/firmware/multipart';
import type { PageRequest } from '@/lib/ui/pagination';
import {
  createFirmwareSchema,
  duplicateVersionMessage,
  hashMismatchMessage,
  type CreateFirmwareInput,
} from '@/lib/validation/firmware';
import { recordAudit } from './audit';

export const DELETE_REFUSED_MESSAGE =
  'This firmware cannot be deleted while one of its jobs is running or any of its tasks is Pending Push, Pushed or Upgrading.';

/** Products to choose from and the size limit, for the "Add Firmware" form. */
export function getFirmwareFormOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'firmware:create');
  return { products: listProducts(getDb(), actor.ouId), maxBytes: getEnv().FIRMWARE_MAX_BYTES };
}

/** Refuses a product of another OU and a version the product already has, naming the field. */
function assertFirmwareTarget(db: DbOrTx, ouId: number, input: Pick<CreateFirmwareInput, 'productId' | 'version'>) {
  const product = input.productId === null ? null : getProductInOu(db, ouId, input.productId);
  if (product === undefined) {
    throw new AppError('INVALID_INPUT', 'Choose a product.', { productId: ['Choose a product'] });
  }
  if (getFirmwareByVersion(db, ouId, input.productId, input.version)) {
    const message = duplicateVersionMessage(input.version, product?.name ?? null);
    throw new AppError('CONFLICT', message, { version: [message] });
  }
}

function parseFields(db: Db, actor: Actor, fields: Record<string, unknown>): CreateFirmwareInput {
  const parsed = createFirmwareSchema.safeParse(fields);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'Check the highlighted fields.', zodFieldErrors(parsed.error.issues));
  }
  assertFirmwareTarget(db, actor.ouId, parsed.data);
  return parsed.data;
}

type Upload = { input: CreateFirmwareInput; received: ReceivedFile };

// Room for the text fields and multipart framing around the file itself.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * "Add Firmware" from a multipart body (text fields first, then the file). The fields are validated before a byte
 * of the file is written; the file is streamed to a temp file with both digests computed on the way, fsynced, moved
 * to its content-addressed place (or dropped when those bytes are already stored), and only then are the stored
 * file, firmware and tags inserted in one transaction. Any failure leaves no row and no file behind.
 */
export async function createFirmware({
  actor,
  body,
  contentType,
  contentLength = null,
  now = Date.now(),
}: {
  actor: Actor;
  body: ReadableStream<Uint8Array> | Readable | null;
  contentType: string | null;
  /** The request's Content-Length, when sent: a body announced too large is refused before a byte is read. */
  contentLength?: string | null;
  now?: number;
}): Promise<{ id: number }> {
  requirePermission(actor, 'firmware:create');
  const db = getDb();
  const env = getEnv();
  if (Number(contentLength) > env.FIRMWARE_MAX_BYTES + FORM_OVERHEAD_BYTES) throw fileTooLargeError(env.FIRMWARE_MAX_BYTES);
  if (!body) throw new AppError('INVALID_INPUT', 'The request has no body.');
  const upload = await readFormWithFile<Upload>({
    body,
    contentType,
    onFile: async (fields, file) => {
      const input = parseFields(db, actor, { ...fields, fileName: file.fileName });
      const received = await receiveToTempFile({ dataDir: env.dataDir, source: file.stream, maxBytes: env.FIRMWARE_MAX_BYTES });
      return { input, received };
    },
    discard: ({ received }) => discardTempFile(received),
  });
  const { input, received } = upload;
  const sign = input.signMethod === 'md5' ? received.md5 : received.sha256;
  if (input.expectedHash && input.expectedHash !== sign) {
    await discardTempFile(received);
    const message = hashMismatchMessage(input.signMethod);
    throw new AppError('INVALID_INPUT', message, { expectedHash: [message] });
  }

  // From here on everything is synchronous, so no other request can slip between placing the file and the insert.
  const target = storedFilePath(env.dataDir, actor.ouId, received.sha256);
  let created = false;
  try {
    created = placeReceivedFile(received, target);
    return db.transaction((tx) => {
      assertFirmwareTarget(tx, actor.ouId, input);
      const file =
        getStoredFileBySha(tx, actor.ouId, received.sha256) ??
        insertStoredFile(tx, { ouId: actor.ouId, sha256: received.sha256, md5: received.md5, size: received.size, createdAt: now });
      const row = insertFirmwareWithTags(
        tx,
        {
          ouId: actor.ouId,
          productId: input.productId,
          name: input.name,
          version: input.version,
          description: input.description,
          signMethod: input.signMethod,
          sign,
          fileId: file.id,
          fileName: input.fileName,
          fileSize: received.size,
          status: input.verificationRequired ? 'unverified' : 'no_need',
          verificationRequired: input.verificationRequired,
          maxVerifyDevices: input.maxVerifyDevices,
          minVerifySuccesses: input.minVerifySuccesses,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        },
        input.tags,
      );
      recordAudit(tx, actor, {
        action: 'firmware.create',
        targetType: 'firmware',
        targetId: row.id,
        detail: { name: row.name, version: row.version, sha256: received.sha256 },
        at: now,
      });
      return { id: row.id };
    });
  } catch (e) {
    if (created && !getStoredFileBySha(db, actor.ouId, received.sha256)) removeStoredFile(target);
    // The temp file is still there when placing it failed (a mkdir or rename error); gone once it was placed.
    await discardTempFile(received);
    throw e;
  }
}

export function searchFirmware({
  actor,
  filter,
  sort,
  page,
}: {
  actor: Actor;
  filter: FirmwareQueryFilter;
  sort: FirmwareSort;
  page: PageRequest;
}) {
  requirePermission(actor, 'firmware:read');
  return listFirmware(getDb(), actor.ouId, filter, sort, { limit: page.pageSize, offset: page.offset });
}

/** Filter options of the list page. */
export function getFirmwareFilterOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'firmware:read');
  return { products: listProducts(getDb(), actor.ouId) };
}

function getFirmwareOrThrow(db: DbOrTx, actor: Actor, firmwareId: number) {
  const found = getFirmwareInOu(db, actor.ouId, firmwareId);
  if (!found) throw new AppError('NOT_FOUND', 'Firmware not found.');
  return found;
}

/** Everything the details page shows above its tabs. */
export function getFirmwareDetails({ actor, firmwareId }: { actor: Actor; firmwareId: number }) {
  requirePermission(actor, 'firmware:read');
  const db = getDb();
  const found = getFirmwareOrThrow(db, actor, firmwareId);
  const versions = found.firmware.productId === null ? null : countDevicesByVersion(db, actor.ouId, found.firmware.productId);
  return { ...found, tags: listFirmwareTags(db, firmwareId), versions };
}

/** The versions a product's devices report, with how many devices run each (null: never reported). */
export function listProductVersions({ actor, productKey }: { actor: Actor; productKey: string }) {
  requirePermission(actor, 'firmware:read');
  const db = getDb();
  const product = getProductByKey(db, actor.ouId, productKey);
  if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
  return { product, versions: countDevicesByVersion(db, actor.ouId, product.id) };
}

/** The stored file of a firmware, for the signed-in user's download. */
export function getFirmwareFile({ actor, firmwareId }: { actor: Actor; firmwareId: number }) {
  requirePermission(actor, 'firmware:read');
  const { firmware, file } = getFirmwareOrThrow(getDb(), actor, firmwareId);
  return {
    path: storedFilePath(getEnv().dataDir, actor.ouId, file.sha256),
    fileName: firmware.fileName,
    size: file.size,
    sha256: file.sha256,
  };
}

/**
 * Deletes a firmware with its (finished or stopped) jobs and their tasks, refused while work is in flight; the
 * stored file goes too when no other firmware shares it, from disk only once the transaction has committed.
 */
export function deleteFirmware({ actor, firmwareId, now = Date.now() }: { actor: Actor; firmwareId: number; now?: number }) {
  requirePermission(actor, 'firmware:delete');
  const db = getDb();
  const { name, orphan } = db.transaction((tx) => {
    const { firmware } = getFirmwareOrThrow(tx, actor, firmwareId);
    if (firmwareHasActiveWork(tx, firmwareId)) throw new AppError('CONFLICT', DELETE_REFUSED_MESSAGE);
    const removed = deleteFirmwareWithJobs(tx, firmwareId, firmware.fileId);
    recordAudit(tx, actor, {
      action: 'firmware.delete',
      targetType: 'firmware',
      targetId: firmwareId,
      detail: { name: firmware.name, version: firmware.version },
      at: now,
    });
    return { name: firmware.name, orphan: removed };
  });
  if (orphan) removeStoredFile(storedFilePath(getEnv().dataDir, actor.ouId, orphan.sha256));
  return { name };
}
