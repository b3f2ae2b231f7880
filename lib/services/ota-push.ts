import type { Db } from '@/db/client';
import { getJobFirmware, type JobFirmware } from '@/db/queries/ota-jobs';
import { moveTasks, sentMessagesGuard, setPushDue, type PushTarget } from '@/db/queries/ota-tasks';
import type { OtaJob } from '@/db/schema';
import { buildDownloadUrl } from '@/lib/firmware/download-url';
import type { DeviceTransport, FirmwareOffer, PushResult } from '@/lib/transport/types';
import { deliveredColumns } from './ota-engine';

/** Where signed firmware URLs point and how long they live; passed in, never read from the environment here. */
export type OfferUrlConfig = { baseUrl: string; secret: string; ttlSeconds: number };
/** The engine's only source of time, so tests can run days of schedule in milliseconds. */
export type Clock = { now(): number };
export type PushContext = { db: Db; transport: DeviceTransport; clock: Clock; offerUrl: OfferUrlConfig };

/** A transport error is retried after this long (an offline device instead waits for its reconnect). */
const PUSH_ERROR_RETRY_MS = 5_000;

/** The offer of a firmware to one device, with a download URL signed for that device and its upgrade task. */
export function buildOffer(
  fw: Pick<JobFirmware, 'id' | 'version' | 'sign' | 'signMethod' | 'fileSize' | 'description'>,
  target: { deviceKey: string; taskId: number },
  offerUrl: OfferUrlConfig,
  now: number,
): FirmwareOffer {
  return {
    version: fw.version,
    sign: fw.sign,
    signMethod: fw.signMethod,
    fileSize: fw.fileSize,
    description: fw.description,
    fileUrl: buildDownloadUrl(offerUrl.baseUrl, offerUrl.secret, {
      firmwareId: fw.id,
      ...target,
      expiresAt: now + offerUrl.ttlSeconds * 1000,
    }),
  };
}

// Tasks whose push is under way, per transport: the scheduler and a reconnecting device's gateway call share it,
// so one attempt is not sent twice by the same process.
const sending = new WeakMap<DeviceTransport, Set<number>>();

/**
 * Sends pending pushes of one job through the transport and records the outcome in one transaction: delivered
 * tasks become Pushed; a device found offline waits for its reconnect (not due); a transport error makes the task
 * due again a little later. The message id was recorded when the task was admitted, so a resend (after a reconnect
 * or a restart) carries the same id and counts no new attempt. While a send is under way its tasks are marked in
 * memory, so the scheduler and a reconnecting device do not send the same attempt twice from one process.
 */
export async function sendPendingPushes(ctx: PushContext, job: OtaJob, targets: readonly PushTarget[]) {
  const inFlight = sending.get(ctx.transport) ?? new Set<number>();
  sending.set(ctx.transport, inFlight);
  const mine = targets.filter((t) => t.pushMessageId !== null && !inFlight.has(t.taskId));
  const result = { attempted: mine.length, sent: 0, offline: 0, errors: 0 };
  const fw = getJobFirmware(ctx.db, job.ouId, job.firmwareId);
  if (!mine.length || !fw) return result;
  for (const t of mine) inFlight.add(t.taskId);
  let outcomes: (PushResult | 'error')[];
  try {
    const now = ctx.clock.now();
    outcomes = await Promise.all(
      mine.map((t) =>
        ctx.transport
          .push(
            { ouId: t.ouId, deviceId: t.deviceId, productKey: t.productKey, deviceKey: t.deviceKey },
            { ...buildOffer(fw, t, ctx.offerUrl, now), messageId: t.pushMessageId! },
          )
          .catch((e: unknown): 'error' => {
            console.error(`[ota] push of task ${t.taskId} failed:`, e);
            return 'error';
          }),
      ),
    );
  } finally {
    for (const t of mine) inFlight.delete(t.taskId);
  }
  const at = ctx.clock.now();
  const by = (outcome: PushResult | 'error') => mine.filter((_, i) => outcomes[i] === outcome);
  const [sent, offline, errors] = [by('sent'), by('offline'), by('error')];
  ctx.db.transaction((tx) => {
    moveTasks(
      tx,
      sent.map((t) => t.taskId),
      {
        jobId: job.id,
        from: 'pending_push',
        to: 'pushed',
        at,
        reason: 'Upgrade request delivered',
        set: deliveredColumns(job, at, 'push'),
        where: sentMessagesGuard(sent.map((t) => ({ taskId: t.taskId, messageId: t.pushMessageId! }))),
      },
    );
    setPushDue(tx, offline.map((t) => t.taskId), null);
    setPushDue(tx, errors.map((t) => t.taskId), at + PUSH_ERROR_RETRY_MS);
  });
  return { ...result, sent: sent.length, offline: offline.length, errors: errors.length };
}
