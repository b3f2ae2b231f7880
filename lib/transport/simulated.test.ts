import { describe, expect, it } from 'vitest';
import type { FleetBehaviour } from '@/lib/simulator/behaviour';
import { createSimulatedTransport, type SimulatedDeviceSpec } from './simulated';
import { createFakeHandler } from './testing';
import type { DeviceRef } from './types';

const ref = (i: number): DeviceRef => ({
  ouId: 1,
  deviceId: i,
  productKey: 'smart-meter',
  deviceKey: `mtr-${String(i).padStart(4, '0')}`,
});
const fleet = (n: number, version: string | null = '3.0.0'): SimulatedDeviceSpec[] =>
  Array.from({ length: n }, (_, i) => ({ ref: ref(i + 1), version }));

const instant: Partial<FleetBehaviour> = { stepDelayMs: { min: 0, max: 0 } };
const command = (messageId: string) => ({
  messageId,
  version: '3.1.0',
  sign: 'ab',
  signMethod: 'md5' as const,
  fileUrl: 'http://127.0.0.1/f',
  fileSize: 2,
  description: '',
});

function setup(devices: SimulatedDeviceSpec[], behaviour: Partial<FleetBehaviour> = instant, seed = 7) {
  const fake = createFakeHandler(devices.map((d) => ({ ref: d.ref, deviceSecret: '' })));
  const transport = createSimulatedTransport({ seed, devices: () => devices, behaviour, now: () => 42 });
  return { fake, transport };
}

const messagesOf = (fake: ReturnType<typeof createFakeHandler>, deviceId: number) =>
  fake.of('message', deviceId).map((c) => (c.type === 'message' ? c.message : null));

describe('simulated transport', () => {
  it('brings the fleet online at start; devices inform the versions they run', async () => {
    const { fake, transport } = setup([...fleet(2), { ref: ref(3), version: null }]);
    await transport.start(fake.handler);
    expect(fake.calls.map((c) => [c.type, c.device.deviceId])).toEqual([
      ['online', 1],
      ['message', 1],
      ['online', 2],
      ['message', 2],
      ['online', 3],
    ]);
    expect(messagesOf(fake, 1)).toEqual([{ kind: 'inform', version: '3.0.0' }]);
  });

  it('runs an upgrade: progress 10, 35, 70, 100, then informs the new version', async () => {
    const { fake, transport } = setup(fleet(1));
    await transport.start(fake.handler);
    expect(await transport.push(ref(1), command('9:1'))).toBe('sent');
    await transport.settle();
    expect(messagesOf(fake, 1).slice(1)).toEqual([
      { kind: 'progress', step: 10, desc: 'Downloading firmware' },
      { kind: 'progress', step: 35, desc: 'Verifying firmware' },
      { kind: 'progress', step: 70, desc: 'Writing flash' },
      { kind: 'progress', step: 100, desc: 'Upgrade complete, rebooting' },
      { kind: 'inform', version: '3.1.0' },
    ]);
    expect(transport.versionOf(1)).toBe('3.1.0');
  });

  it.each([
    ['download', [10, -2]],
    ['verify', [10, 35, -3]],
    ['flash', [10, 35, 70, -4]],
    ['reject', [-5]],
    ['silent', []],
  ] as const)('fails with %s as configured', async (kind, steps) => {
    const { fake, transport } = setup(fleet(1), { ...instant, failureRates: { [kind]: 1 } });
    await transport.start(fake.handler);
    await transport.push(ref(1), command('9:1'));
    await transport.settle();
    const sent = messagesOf(fake, 1).slice(1);
    expect(sent.map((m) => m?.kind === 'progress' && m.step)).toEqual(steps);
    expect(transport.versionOf(1)).toBe('3.0.0');
  });

  it('gives devices with a fixed fate that fate on every push, and the others their rolled one', async () => {
    const { fake, transport } = setup(fleet(2), { ...instant, fixedOutcomes: { 'mtr-0002': 'flash' } });
    await transport.start(fake.handler);
    for (const attempt of [1, 2]) {
      await transport.push(ref(1), command(`1:${attempt}`));
      await transport.push(ref(2), command(`2:${attempt}`));
      await transport.settle();
    }
    const steps = (id: number) => messagesOf(fake, id).flatMap((m) => (m?.kind === 'progress' ? [m.step] : []));
    expect(steps(2)).toEqual([10, 35, 70, -4, 10, 35, 70, -4]);
    expect(steps(1)).toContain(100);
    expect(transport.versionOf(1)).toBe('3.1.0');
    expect(transport.versionOf(2)).toBe('3.0.0');
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const rates = { download: 0.2, verify: 0.2, flash: 0.2, reject: 0.1, silent: 0.1 };
    const run = async (seed: number) => {
      const { fake, transport } = setup(fleet(40), { ...instant, failureRates: rates }, seed);
      await transport.start(fake.handler);
      // Pushed in reverse order: outcomes must not depend on the order devices run in.
      for (let i = 40; i >= 1; i--) await transport.push(ref(i), command(`${i}:1`));
      await transport.settle();
      return [...transport.pushes].sort((a, b) => a.deviceKey.localeCompare(b.deviceKey)).map((p) => p.result);
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect(await run(2)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['succeeded', 'failed', 'silent']));
  });

  it('reports a disconnected device offline and refuses to push to it; it informs again on reconnect', async () => {
    const { fake, transport } = setup(fleet(1));
    await transport.start(fake.handler);
    await transport.disconnect(1);
    expect(await transport.push(ref(1), command('9:1'))).toBe('offline');
    await transport.connect(1);
    expect(fake.calls.map((c) => c.type)).toEqual(['online', 'message', 'offline', 'online', 'message']);
  });

  it('connects the rolled offline share later', async () => {
    const { fake, transport } = setup(fleet(3), { ...instant, offlineShare: 1, reconnectAfterMs: { min: 5, max: 20 } });
    await transport.start(fake.handler);
    expect(fake.of('online')).toHaveLength(0);
    await transport.settle();
    expect(fake.of('online')).toHaveLength(3);
  });

  it('stops running upgrades and takes every device offline on stop', async () => {
    const { fake, transport } = setup(fleet(2), { stepDelayMs: { min: 60_000, max: 60_000 } });
    await transport.start(fake.handler);
    await transport.push(ref(1), command('9:1'));
    await transport.stop();
    expect(fake.of('offline')).toHaveLength(2);
    expect(transport.pushes).toEqual([{ deviceKey: 'mtr-0001', messageId: '9:1', result: 'aborted' }]);
  });
});
