import { afterEach, describe, expect, it } from 'vitest';
import { insertAssetNode, insertAssetTree } from '@/db/queries/fleet';
import {
  insertOu,
  insertTestDevice,
  insertTestFirmware,
  insertTestProduct,
  makeActor,
  setupOtaTest,
} from '@/db/testing/ota-fixtures';
import type { AppError } from '@/lib/errors';
import {
  createDeviceJob,
  deviceJobName,
  getDeviceJobFirmware,
  getJobWizardOptions,
  listAssetTreeNodeOptions,
  listAttributeValueOptions,
  listTagValueOptions,
  listUpgradeFromVersions,
  searchJobDevices,
} from './job-wizard';
import { previewOtaJobScope } from './ota-jobs';

const NOW = Date.parse('2030-06-01T08:30:00Z');
let t: ReturnType<typeof setupOtaTest>;
afterEach(() => t?.cleanup());

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

/** An OU with two products, firmware in every status for "inv", and a few devices with tags and attributes. */
function fleet() {
  t = setupOtaTest();
  const ouId = t.ou.id;
  const inv = insertTestProduct(t.db, ouId, 'inv');
  const bms = insertTestProduct(t.db, ouId, 'bms');
  const fw = {
    verified: insertTestFirmware(t.db, { ouId, productId: inv.id, version: '2.0', status: 'verified' }),
    noNeed: insertTestFirmware(t.db, { ouId, productId: inv.id, version: '2.1', status: 'no_need' }),
    unverified: insertTestFirmware(t.db, { ouId, productId: inv.id, version: '3.0', status: 'unverified', maxVerifyDevices: 5, minVerifySuccesses: 2 }),
    verifying: insertTestFirmware(t.db, { ouId, productId: inv.id, version: '3.1', status: 'verifying' }),
    failed: insertTestFirmware(t.db, { ouId, productId: inv.id, version: '3.2', status: 'verification_failed' }),
  };
  insertTestDevice(t.db, { ouId, productId: inv.id, deviceKey: 'inv-1', version: '1.0', tags: { site: 'a' }, attributes: { rev: 2, region: 'north' } });
  insertTestDevice(t.db, { ouId, productId: inv.id, deviceKey: 'inv-2', version: '2.0', tags: { site: 'b' }, attributes: { rev: 3, region: 'south' } });
  insertTestDevice(t.db, { ouId, productId: inv.id, deviceKey: 'inv-3', version: null });
  insertTestDevice(t.db, { ouId, productId: bms.id, deviceKey: 'bms-1', version: '9.9', tags: { site: 'c' } });
  return { ouId, inv, bms, fw };
}

describe('job wizard lookups', () => {
  it('offers upgrade-ready firmware, and the OU’s attributes, tag keys and trees', () => {
    const { fw } = fleet();
    insertAssetTree(t.db, t.ou.id, 'Farm', 0);
    const other = insertOu(t.db, 'Elsewhere');
    insertTestFirmware(t.db, { ouId: other.ou.id, productId: null, version: '7.0', status: 'no_need' });
    insertAssetTree(t.db, other.ou.id, 'Foreign tree', 0);

    const options = getJobWizardOptions({ actor: t.actor });
    expect(options.firmware.slice(0, 2).map((f) => f.id).sort()).toEqual([fw.verified.id, fw.noNeed.id].sort());
    expect(options.firmware.map((f) => f.version)).not.toContain('7.0');
    expect(options.firmware[0]).toMatchObject({ productName: 'inv' });
    expect(options.attributeNames).toEqual(['region', 'rev']);
    expect(options.tagKeys).toEqual(['site']);
    expect(options.assetTrees.map((x) => x.name)).toEqual(['Farm']);
  });

  it('lists the versions the product’s devices reported, without the target version', () => {
    const { fw } = fleet();
    expect(listUpgradeFromVersions({ actor: t.actor, firmwareId: fw.noNeed.id })).toEqual(['2.0', '1.0']);
    expect(listUpgradeFromVersions({ actor: t.actor, firmwareId: fw.verified.id })).toEqual(['1.0']);
  });

  it('searches device keys of the firmware’s product only', () => {
    const { fw, ouId } = fleet();
    expect(searchJobDevices({ actor: t.actor, firmwareId: fw.verified.id, prefix: '' }).map((d) => d.deviceKey)).toEqual([
      'inv-1',
      'inv-2',
      'inv-3',
    ]);
    expect(searchJobDevices({ actor: t.actor, firmwareId: fw.verified.id, prefix: 'bms' })).toEqual([]);
    const anyProduct = insertTestFirmware(t.db, { ouId, productId: null, version: '5.0' });
    expect(searchJobDevices({ actor: t.actor, firmwareId: anyProduct.id, prefix: 'bms' }).map((d) => d.deviceKey)).toEqual(['bms-1']);
  });

  it('suggests tag and attribute values', () => {
    fleet();
    expect(listTagValueOptions({ actor: t.actor, key: 'site' })).toEqual(['a', 'b', 'c']);
    expect(listAttributeValueOptions({ actor: t.actor, name: 'region' })).toEqual(['north', 'south']);
  });

  it('lists a tree’s nodes, parents first, and hides other OUs’ trees', () => {
    fleet();
    const tree = insertAssetTree(t.db, t.ou.id, 'Farm', 0);
    const root = insertAssetNode(t.db, tree, null, { name: 'Root', kind: 'asset' });
    insertAssetNode(t.db, tree, root, { name: 'Line 1', kind: 'asset' });
    expect(listAssetTreeNodeOptions({ actor: t.actor, treeId: tree.id }).map((n) => [n.name, n.parentId])).toEqual([
      ['Root', null],
      ['Line 1', root.id],
    ]);
    const stranger = insertOu(t.db, 'Elsewhere').actor;
    expect(caught(() => listAssetTreeNodeOptions({ actor: stranger, treeId: tree.id })).code).toBe('NOT_FOUND');
  });

  it('needs ota:create and answers NOT_FOUND for another OU’s firmware', () => {
    const { fw } = fleet();
    const viewer = makeActor(t.ou, t.user.id, 'viewer');
    for (const call of [
      () => getJobWizardOptions({ actor: viewer }),
      () => listUpgradeFromVersions({ actor: viewer, firmwareId: fw.verified.id }),
      () => searchJobDevices({ actor: viewer, firmwareId: fw.verified.id, prefix: '' }),
      () => listTagValueOptions({ actor: viewer, key: 'site' }),
    ]) {
      expect(caught(call).code).toBe('FORBIDDEN');
    }
    const stranger = insertOu(t.db, 'Elsewhere').actor;
    for (const call of [
      () => getDeviceJobFirmware({ actor: stranger, firmwareId: fw.verified.id }),
      () => listUpgradeFromVersions({ actor: stranger, firmwareId: fw.verified.id }),
      () => searchJobDevices({ actor: stranger, firmwareId: fw.verified.id, prefix: '' }),
    ]) {
      expect(caught(call).code).toBe('NOT_FOUND');
    }
  });
});

describe('Upgrade Device and Verify Firmware jobs', () => {
  it('names the job after the firmware and the time, within 64 characters', () => {
    expect(deviceJobName('upgrade', { name: 'Inverter FW', version: '2.0' }, NOW)).toBe('Upgrade Inverter FW 2.0 2030-06-01 08:30:00 UTC');
    const longName = deviceJobName('verification', { name: 'x'.repeat(32), version: '10.2.3-rc1' }, NOW);
    expect(longName).toMatch(/^Verify x{22} 10\.2\.3-rc1 2030-06-01 08:30:00 UTC$/);
    expect(longName).toHaveLength(64);
    const longVersion = deviceJobName('verification', { name: 'x'.repeat(32), version: 'v'.repeat(64) }, NOW);
    expect(longVersion).toMatch(/^Verify v{33} 2030-06-01 08:30:00 UTC$/);
  });

  it('creates a Snapshot upgrade job over the chosen devices, whose tasks match the preview', () => {
    const { fw } = fleet();
    const scope = { type: 'devices' as const, deviceKeys: ['inv-1', 'inv-2', 'inv-3'] };
    const preview = previewOtaJobScope({ actor: t.actor, input: { firmwareId: fw.noNeed.id, scope } });
    const job = createDeviceJob({ actor: t.actor, type: 'upgrade', input: { firmwareId: fw.noNeed.id, fromVersions: [], scope, ...strategy() }, now: NOW });
    expect(job).toMatchObject({ type: 'upgrade', method: 'snapshot', name: 'Upgrade Firmware 2.1 2.1 2030-06-01 08:30:00 UTC' });
    // inv-3 never reported a version: neither the preview nor the job counts it.
    expect(preview.total).toBe(2);
    expect(job.totalTasks).toBe(preview.total);
  });

  it('creates a verification job for Unverified or Verification Failed firmware and refuses the other type', () => {
    const { fw, ouId, inv } = fleet();
    insertTestDevice(t.db, { ouId, productId: inv.id, deviceKey: 'inv-4', version: '1.0' });
    const input = (firmwareId: number, deviceKeys = ['inv-1', 'inv-2']) => ({
      firmwareId,
      fromVersions: [],
      scope: { type: 'devices' as const, deviceKeys },
      ...strategy(),
    });
    const job = createDeviceJob({ actor: t.actor, type: 'verification', input: input(fw.unverified.id), now: NOW });
    expect(job).toMatchObject({ type: 'verification', totalTasks: 2 });
    expect(createDeviceJob({ actor: t.actor, type: 'verification', input: input(fw.failed.id, ['inv-4']), now: NOW }).type).toBe('verification');

    const refusedUpgrade = caught(() => createDeviceJob({ actor: t.actor, type: 'upgrade', input: input(fw.failed.id), now: NOW }));
    expect(refusedUpgrade).toMatchObject({ code: 'INVALID_TRANSITION', message: 'Only Verified or No Need firmware can upgrade devices.' });
    const refusedVerify = caught(() => createDeviceJob({ actor: t.actor, type: 'verification', input: input(fw.verified.id), now: NOW }));
    expect(refusedVerify.message).toBe('Only Unverified or Verification Failed firmware can be verified.');
    expect(caught(() => createDeviceJob({ actor: t.actor, type: 'verification', input: input(fw.verifying.id), now: NOW })).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('keeps the engine’s verification rules: enough devices for Min Successes to Verify', () => {
    const { fw } = fleet();
    const err = caught(() =>
      createDeviceJob({
        actor: t.actor,
        type: 'verification',
        input: { firmwareId: fw.unverified.id, fromVersions: [], scope: { type: 'devices', deviceKeys: ['inv-1'] }, ...strategy() },
        now: NOW,
      }),
    );
    expect(err.fieldErrors).toEqual({ 'scope.deviceKeys': ['Choose at least 2 devices: verifying this firmware needs 2 successes'] });
  });

  it('reports the limits of a firmware for the verification form', () => {
    const { fw } = fleet();
    expect(getDeviceJobFirmware({ actor: t.actor, firmwareId: fw.unverified.id })).toMatchObject({
      jobType: 'verification',
      maxVerifyDevices: 5,
      minVerifySuccesses: 2,
      productName: 'inv',
    });
    expect(getDeviceJobFirmware({ actor: t.actor, firmwareId: fw.verifying.id }).jobType).toBeNull();
  });
});

function strategy() {
  return {
    maxConcurrency: 300,
    timeoutMinutes: 120,
    retryEnabled: false,
    retryIntervalMinutes: 0 as const,
    maxRetries: 1 as const,
    repeatDaily: false,
    deviceRequestEnabled: false,
    startOnCreate: false,
  };
}

describe('getJobWizardOptions for verification', () => {
  it('offers the OU’s Unverified and Verification Failed firmware after the upgrade-ready ones, each with the most devices it may be verified on', () => {
    const { fw, ouId } = fleet();
    const big = insertTestFirmware(t.db, { ouId, productId: null, version: '4.0', status: 'unverified', maxVerifyDevices: 50 });
    const other = insertOu(t.db, 'Elsewhere');
    insertTestFirmware(t.db, { ouId: other.ou.id, productId: null, version: '7.0', status: 'unverified' });

    const options = getJobWizardOptions({ actor: t.actor }).firmware.slice(2);
    expect(options.map((f) => f.id).sort()).toEqual([fw.unverified.id, fw.failed.id, big.id].sort());
    expect(options.find((f) => f.id === fw.unverified.id)).toMatchObject({ status: 'unverified', productName: 'inv', maxVerifyDevices: 5, minVerifySuccesses: 2 });
    expect(options.find((f) => f.id === big.id)?.maxVerifyDevices).toBe(5);
  });
});
