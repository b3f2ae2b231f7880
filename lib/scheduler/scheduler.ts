import type { Db } from '@/db/client';
import { listJobIdsWithPendingPushes } from '@/db/queries/ota-jobs';
import { rearmPendingPushes } from '@/db/queries/ota-tasks';
import type { Clock, OfferUrlConfig } from '@/lib/services/ota-push';
import type { DeviceTransport } from '@/lib/transport/types';
import { runTick } from './tick';

export type SchedulerOptions = {
  db: Db;
  transport: DeviceTransport;
  clock?: Clock;
  /** Time between the end of one tick and the start of the next. */
  tickMs?: number;
  offerUrl: OfferUrlConfig;
  /** Start the timer loop (default); tests drive `tickOnce` themselves. */
  autoTick?: boolean;
};

export type Scheduler = {
  /** Runs one tick now (waiting for a tick already under way to finish first). */
  tickOnce(): Promise<void>;
  /** Stops the loop and waits for the tick under way. */
  stop(): Promise<void>;
};

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Starts the OTA scheduler (SPEC 5). It keeps nothing that is not in the database: a push is recorded (with its
 * message id) when its task is admitted and stays due until its delivery is recorded, so after a crash between the
 * two it is resent with the same id; on start, pushes waiting for an offline device are due again too, since no
 * connection survives a restart. Ticks never overlap.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const ctx = { db: options.db, transport: options.transport, clock: options.clock ?? systemClock, offerUrl: options.offerUrl };
  const tickMs = options.tickMs ?? 1000;
  ctx.db.transaction((tx) => {
    for (const jobId of listJobIdsWithPendingPushes(tx)) rearmPendingPushes(tx, jobId, ctx.clock.now());
  });

  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tickOnce = () => {
    current = current.then(() => runTick(ctx));
    return current;
  };
  const loop = () => {
    timer = setTimeout(() => {
      tickOnce().finally(() => {
        if (!stopped) loop();
      });
    }, tickMs);
    // The loop alone must not keep a script or test process alive.
    timer.unref?.();
  };
  if (options.autoTick !== false) loop();

  return {
    tickOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
