import { getDb, type Db } from '@/db/client';
import { listDevicesByKeys, recordReportedVersion, setDeviceOnline } from '@/db/queries/ota-devices';
import { getJobFirmware } from '@/db/queries/ota-jobs';
import {
  getActiveTaskOfDevice,
  listPushTargets,
  moveTasks,
  nextAttemptColumns,
  setPushDue,
  updateTaskProgress,
} from '@/db/queries/ota-tasks';
import { acceptsDeviceReport, decideDeviceRequest, readProgressStep, successOnInform } from '@/lib/ota/device-events';
import type {
  DeviceEventHandler,
  DeviceMessage,
  DeviceRef,
  DeviceReply,
  DeviceTransport,
  FirmwareOffer,
} from '@/lib/transport/types';
import { completeJobIfDone, deliveredColumns, failTasks, jobWindow, succeedTask } from './ota-engine';
import { buildOffer, sendPendingPushes, type Clock, type OfferUrlConfig } from './ota-push';

export type DeviceGatewayOptions = {
  transport: DeviceTransport;
  clock: Clock;
  offerUrl: OfferUrlConfig;
  /** Defaults to the process-wide connection, looked up on each event. */
  db?: Db;
};

const OK: DeviceReply = { code: 200, data: {} };
const NO_UPGRADE_IN_PROGRESS: DeviceReply = { code: 404, message: 'No upgrade in progress for this device' };

/**
 * The engine side of a transport (SPEC 6.3): who a connecting device is, what its messages do to its task, and the
 * pushes a reconnect releases. Every task change is a guarded transition, so a late, duplicated or out-of-order
 * message changes nothing it should not.
 */
export function createDeviceGateway(options: DeviceGatewayOptions): DeviceEventHandler {
  const db = () => options.db ?? getDb();

  function inform(ref: DeviceRef, version: string, at: number): DeviceReply {
    db().transaction((tx) => {
      recordReportedVersion(tx, ref.deviceId, version, at);
      const active = getActiveTaskOfDevice(tx, ref.deviceId);
      const reason = active && successOnInform(active.task, version);
      if (active && reason) {
        succeedTask(tx, active.job, active.task, reason, at);
        completeJobIfDone(tx, active.job.id, at);
      }
    });
    return OK;
  }

  function progress(ref: DeviceRef, step: number, desc: string, at: number): DeviceReply {
    return db().transaction((tx) => {
      const active = getActiveTaskOfDevice(tx, ref.deviceId);
      if (!active || !acceptsDeviceReport(active.task.state)) return NO_UPGRADE_IN_PROGRESS;
      const { task, job } = active;
      const from = task.state as 'pending_push' | 'pushed' | 'upgrading';
      const report = readProgressStep(step, desc);
      if (report.kind === 'failure') {
        failTasks(tx, job, from, [task], report.reason, at);
        completeJobIfDone(tx, job.id, at);
      } else if (from === 'upgrading') {
        updateTaskProgress(tx, task.id, from, report.percent, desc, at);
      } else {
        moveTasks(tx, [task.id], {
          jobId: job.id,
          from,
          to: 'upgrading',
          at,
          reason: 'Device reported progress',
          // Progress on a pending push: the push reached the device before its delivery was recorded (a crash).
          set: { progress: report.percent, progressDesc: desc, ...(from === 'pending_push' ? deliveredColumns(job, at, 'push') : {}) },
        });
      }
      return OK;
    });
  }

  function versionRequest(ref: DeviceRef, at: number): DeviceReply {
    const offers = db().transaction((tx): FirmwareOffer[] => {
      const active = getActiveTaskOfDevice(tx, ref.deviceId);
      if (!active) return [];
      const { task, job } = active;
      const decision = decideDeviceRequest({
        jobStatus: job.status,
        deviceRequestEnabled: job.deviceRequestEnabled,
        inWindow: jobWindow(job, at).kind === 'open',
        maxConcurrency: job.maxConcurrency,
        counted: { pendingPush: job.pendingPushCount, pushed: job.pushedCount },
        taskState: task.state,
      });
      const fw = getJobFirmware(tx, job.ouId, job.firmwareId);
      if (decision.answer === 'nothing' || !fw) return [];
      if (decision.toPushed) {
        const from = task.state as 'queued' | 'pending_push';
        // Answering from the queue starts a new attempt, exactly as an admission would.
        const attempt = from === 'queued' ? nextAttemptColumns() : {};
        const moved = moveTasks(tx, [task.id], {
          jobId: job.id,
          from,
          to: 'pushed',
          at,
          reason: 'Device requested the upgrade',
          set: { ...attempt, ...deliveredColumns(job, at, 'request'), progress: null, progressDesc: null },
        });
        if (!moved.length) return [];
      }
      return [buildOffer(fw, { deviceKey: ref.deviceKey, taskId: task.id }, options.offerUrl, at)];
    });
    return { code: 200, data: offers };
  }

  return {
    async findDevices(productKey, deviceKey) {
      return listDevicesByKeys(db(), productKey, deviceKey).map(({ deviceSecret, ...ref }) => ({ ref, deviceSecret }));
    },

    async online(ref, at) {
      const target = db().transaction((tx) => {
        setDeviceOnline(tx, ref.deviceId, true, at);
        const active = getActiveTaskOfDevice(tx, ref.deviceId);
        if (active?.task.state !== 'pending_push') return null;
        if (active.job.status === 'running' && jobWindow(active.job, at).kind === 'open') return active;
        // Not now (stopped, or outside the window): the scheduler sends it when the job may push again.
        setPushDue(tx, [active.task.id], at);
        return null;
      });
      if (target) {
        await sendPendingPushes({ db: db(), transport: options.transport, clock: options.clock, offerUrl: options.offerUrl }, target.job, listPushTargets(db(), [target.task.id]));
      }
    },

    async offline(ref, at) {
      db().transaction((tx) => setDeviceOnline(tx, ref.deviceId, false, at));
    },

    async message(ref, message: DeviceMessage, at) {
      switch (message.kind) {
        case 'inform':
          return inform(ref, message.version, at);
        case 'progress':
          return progress(ref, message.step, message.desc, at);
        case 'version_request':
          return versionRequest(ref, at);
      }
    },
  };
}
