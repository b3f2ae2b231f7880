import type { Actor } from '@/lib/auth/actor';
import { getFirmwareDetails } from '@/lib/services/firmware';
import { getOtaJobDetails } from '@/lib/services/ota-jobs';

/**
 * What the API answers for one firmware or one job: the fields a script needs, without internal columns (file
 * ids, scan cursors). Times are epoch milliseconds. Documented in lib/api/openapi.ts.
 */

export function firmwareResource(actor: Actor, firmwareId: number) {
  const { firmware: f, product, file, createdByName, tags } = getFirmwareDetails({ actor, firmwareId });
  return {
    id: f.id,
    name: f.name,
    version: f.version,
    description: f.description,
    product: product && { id: product.id, productKey: product.productKey, name: product.name },
    status: f.status,
    signMethod: f.signMethod,
    sign: f.sign,
    fileName: f.fileName,
    fileSize: f.fileSize,
    sha256: file.sha256,
    verificationRequired: f.verificationRequired,
    maxVerifyDevices: f.maxVerifyDevices,
    minVerifySuccesses: f.minVerifySuccesses,
    tags: tags.map(({ key, value }) => ({ key, value })),
    createdBy: createdByName,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

export function otaJobResource(actor: Actor, jobId: number) {
  const { job, firmware, product, creator, live } = getOtaJobDetails({ actor, jobId });
  return {
    id: job.id,
    name: job.name,
    type: job.type,
    method: job.method,
    status: job.status,
    waitingForWindow: live.waitingForWindow,
    firmware,
    product,
    fromVersions: job.fromVersions,
    scope: job.scope,
    strategy: {
      maxConcurrency: job.maxConcurrency,
      timeoutMinutes: job.timeoutSeconds / 60,
      retryEnabled: job.retryEnabled,
      retryIntervalMinutes: job.retryIntervalSeconds / 60,
      maxRetries: job.maxRetries,
      scheduleStart: job.scheduleStart,
      scheduleEnd: job.scheduleEnd,
      timeZone: job.timeZone,
      repeatDaily: job.repeatDaily,
      deviceRequestEnabled: job.deviceRequestEnabled,
      startOnCreate: job.startOnCreate,
    },
    total: live.total,
    counts: live.counts,
    createdBy: creator?.name ?? null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    completedAt: job.completedAt,
    updatedAt: job.updatedAt,
  };
}
