import { getDb } from '@/db/client';
import { listAttributeNames, listReportedVersions, listTagKeys, listTagValues, searchDeviceKeys } from '@/db/queries/devices';
import { getAssetTreeInOu, listAssetNodes, listAssetTrees } from '@/db/queries/fleet';
import { getFirmwareInOu } from '@/db/queries/firmware';
import { listAttributeValues, listFirmwareInStatuses } from '@/db/queries/job-wizard';
import type { OtaJob } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { MAX_VERIFY_DEVICES } from '@/lib/ota/scope';
import { FIRMWARE_STATUSES, type JobType } from '@/lib/ota/states';
import { jobTypeForFirmware } from '@/lib/ota/verification';
import { formatDateTime } from '@/lib/ui/format';
import type { DeviceJobInput } from '@/lib/validation/ota-job';
import { createOtaJob } from './ota-jobs';

/**
 * What the job forms look up while the user fills them in: the firmware to choose from, the versions, devices, tags,
 * attributes and asset trees a scope is built from. Everything needs "ota:create" and stays inside the actor's OU.
 */

const SEARCH_ROWS = 20;
const ATTRIBUTE_VALUES_SHOWN = 50;
const JOB_NAME_MAX = 64;

const UPGRADE_STATUSES = FIRMWARE_STATUSES.filter((s) => jobTypeForFirmware(s) === 'upgrade');
const VERIFICATION_STATUSES = FIRMWARE_STATUSES.filter((s) => jobTypeForFirmware(s) === 'verification');

/** A verification job never targets more than this many devices, whatever the firmware allows (SPEC 4.1). */
function verifyDeviceCap(maxVerifyDevices: number): number {
  return Math.min(maxVerifyDevices, MAX_VERIFY_DEVICES);
}

function firmwareOrThrow(ouId: number, firmwareId: number) {
  const found = getFirmwareInOu(getDb(), ouId, firmwareId);
  if (!found) throw new AppError('NOT_FOUND', 'Firmware not found.');
  return found;
}

/**
 * The wizard's choices that do not depend on the firmware: the firmware (upgrade-ready first, then firmware still to
 * verify, which makes the job a Verification job, SPEC 4.2 "Type"), attributes, tag keys, trees.
 */
export function getJobWizardOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'ota:create');
  const db = getDb();
  const firmware = [...listFirmwareInStatuses(db, actor.ouId, UPGRADE_STATUSES), ...listFirmwareInStatuses(db, actor.ouId, VERIFICATION_STATUSES)];
  return {
    firmware: firmware.map((f) => ({ ...f, maxVerifyDevices: verifyDeviceCap(f.maxVerifyDevices) })),
    attributeNames: listAttributeNames(db, actor.ouId),
    tagKeys: listTagKeys(db, actor.ouId),
    assetTrees: listAssetTrees(db, actor.ouId).map((t) => ({ id: t.id, name: t.name, nodeCount: t.nodeCount })),
  };
}
export type JobWizardOptions = ReturnType<typeof getJobWizardOptions>;

/** One firmware as the "Upgrade Device" and "Verify Firmware" forms show it, with the job type its status calls for. */
export function getDeviceJobFirmware({ actor, firmwareId }: { actor: Actor; firmwareId: number }) {
  requirePermission(actor, 'ota:create');
  const { firmware: fw, product } = firmwareOrThrow(actor.ouId, firmwareId);
  return {
    id: fw.id,
    name: fw.name,
    version: fw.version,
    status: fw.status,
    productName: product?.name ?? null,
    jobType: jobTypeForFirmware(fw.status),
    maxVerifyDevices: verifyDeviceCap(fw.maxVerifyDevices),
    minVerifySuccesses: fw.minVerifySuccesses,
  };
}
export type DeviceJobFirmware = ReturnType<typeof getDeviceJobFirmware>;

/** "Upgrade From Versions": versions the firmware's product's devices reported (any product's if it has none), minus its own. */
export function listUpgradeFromVersions({ actor, firmwareId }: { actor: Actor; firmwareId: number }): string[] {
  requirePermission(actor, 'ota:create');
  const { firmware: fw } = firmwareOrThrow(actor.ouId, firmwareId);
  return listReportedVersions(getDb(), actor.ouId, fw.productId ?? undefined).filter((v) => v !== fw.version);
}

/** "Target Devices" search as you type: device keys of the firmware's product starting with `prefix`. */
export function searchJobDevices({ actor, firmwareId, prefix }: { actor: Actor; firmwareId: number; prefix: string }) {
  requirePermission(actor, 'ota:create');
  const { firmware: fw } = firmwareOrThrow(actor.ouId, firmwareId);
  return searchDeviceKeys(getDb(), actor.ouId, prefix, SEARCH_ROWS, fw.productId ?? undefined);
}

export function listTagValueOptions({ actor, key }: { actor: Actor; key: string }): string[] {
  requirePermission(actor, 'ota:create');
  return listTagValues(getDb(), actor.ouId, key);
}

export function listAttributeValueOptions({ actor, name }: { actor: Actor; name: string }): string[] {
  requirePermission(actor, 'ota:create');
  return listAttributeValues(getDb(), actor.ouId, name, ATTRIBUTE_VALUES_SHOWN);
}

/** The nodes of one of the OU's asset trees, parents first, for the "By Asset Tree" picker. */
export function listAssetTreeNodeOptions({ actor, treeId }: { actor: Actor; treeId: number }) {
  requirePermission(actor, 'ota:create');
  const db = getDb();
  if (!getAssetTreeInOu(db, actor.ouId, treeId)) throw new AppError('NOT_FOUND', 'Asset tree not found.');
  return listAssetNodes(db, actor.ouId, treeId).map((n) => ({
    id: n.id,
    parentId: n.parentId,
    name: n.name,
    kind: n.kind,
    deviceKey: n.deviceKey,
    firmwareVersion: n.firmwareVersion,
  }));
}
export type AssetTreeNodeOption = ReturnType<typeof listAssetTreeNodeOptions>[number];

/** Why a firmware's status refuses "Upgrade Device" (upgrade) or "Verify Firmware" (verification). */
export const DEVICE_JOB_REFUSED: Record<JobType, string> = {
  upgrade: 'Only Verified or No Need firmware can upgrade devices.',
  verification: 'Only Unverified or Verification Failed firmware can be verified.',
};

/** "Upgrade Device" jobs and verification jobs are named after the firmware and the time they were created. */
export function deviceJobName(type: JobType, fw: { name: string; version: string }, now: number): string {
  const stamp = formatDateTime(now, 'UTC');
  const verb = type === 'verification' ? 'Verify' : 'Upgrade';
  const room = JOB_NAME_MAX - stamp.length - 1;
  // The firmware name gives way before the version, which is what tells such jobs apart.
  const name = fw.name.slice(0, Math.max(0, room - verb.length - fw.version.length - 2)).trim();
  const head = [verb, name, fw.version].filter(Boolean).join(' ').slice(0, room).trimEnd();
  return `${head} ${stamp}`;
}

/**
 * "Upgrade Device" (type upgrade) and "Verify Firmware" (type verification): a Snapshot job over chosen devices,
 * refused when the firmware's status calls for the other type (it may have changed since the form was opened).
 */
export function createDeviceJob({
  actor,
  type,
  input,
  now = Date.now(),
}: {
  actor: Actor;
  type: JobType;
  input: DeviceJobInput;
  now?: number;
}): OtaJob {
  requirePermission(actor, 'ota:create');
  const { firmware: fw } = firmwareOrThrow(actor.ouId, input.firmwareId);
  if (jobTypeForFirmware(fw.status) !== type) throw new AppError('INVALID_TRANSITION', DEVICE_JOB_REFUSED[type]);
  return createOtaJob({ actor, input: { ...input, name: deviceJobName(type, fw, now), method: 'snapshot' }, now });
}

