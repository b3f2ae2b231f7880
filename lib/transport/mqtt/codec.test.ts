import { describe, expect, it } from 'vitest';
import { decodeDevicePublish, encodeReply, encodeUpgradeCommand, isOwnTopic, otaTopic } from './codec';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const req = (method: string, params?: unknown, id: unknown = 'r1') => json({ id, version: '1.0', method, params });

describe('decodeDevicePublish', () => {
  it('decodes inform in both spellings', () => {
    for (const method of ['ota.device.inform', 'ota.inform']) {
      expect(decodeDevicePublish('ota/device/inform', req(method, { version: '1.2.0' }))).toEqual({
        kind: 'request',
        id: 'r1',
        message: { kind: 'inform', version: '1.2.0' },
      });
    }
  });

  it('decodes progress with the step as a string or a number, and negative steps', () => {
    expect(decodeDevicePublish('ota/device/progress', req('ota.device.progress', { step: '35', desc: 'flashing' }))).toEqual({
      kind: 'request',
      id: 'r1',
      message: { kind: 'progress', step: 35, desc: 'flashing' },
    });
    expect(decodeDevicePublish('ota/device/progress', req('ota.progress', { step: -3 }, 7))).toEqual({
      kind: 'request',
      id: 7,
      message: { kind: 'progress', step: -3, desc: '' },
    });
  });

  it('decodes getversion in any case and request', () => {
    const version = { kind: 'request', id: 'r1', message: { kind: 'version_request' } };
    expect(decodeDevicePublish('ota/device/getversion', req('OTA.Device.GetVersion', {}))).toEqual(version);
    expect(decodeDevicePublish('ota/device/getversion', req('ota.device.getversion'))).toEqual(version);
    expect(decodeDevicePublish('ota/device/request', req('ota.request', {}))).toEqual(version);
  });

  it.each([
    ['ota/device/inform', Buffer.from('{not json'), 400, null],
    ['ota/device/inform', json([1, 2]), 400, null],
    ['ota/device/inform', json({ method: 'ota.inform', params: { version: '1' } }), 400, null],
    ['ota/device/inform', req('ota.device.inform', {}), 400, 'r1'],
    ['ota/device/inform', req('ota.device.inform', { version: 12 }), 400, 'r1'],
    ['ota/device/inform', json({ id: 'r1', params: { version: '1' } }), 400, 'r1'],
    ['ota/device/inform', req('ota.device.progress', { step: 1 }), 404, 'r1'],
    ['ota/device/progress', req('ota.device.progress', { step: 'ten' }), 400, 'r1'],
    ['ota/device/progress', req('ota.device.progress', { step: 101 }), 400, 'r1'],
    ['ota/device/progress', req('ota.device.progress', { step: 1.5 }), 400, 'r1'],
    ['ota/device/progress', req('ota.device.progress', 'step'), 400, 'r1'],
    ['ota/device/request', req('OTA.REQUEST', {}), 404, 'r1'],
    ['ota/device/reboot', req('ota.device.reboot', {}), 404, 'r1'],
    ['thing/measurepoint/post', req('thing.measurepoint.post', {}), 404, 'r1'],
  ])('answers %s %s with code %i', (topic, payload, code, id) => {
    expect(decodeDevicePublish(topic, payload)).toMatchObject({ kind: 'error', code, id });
  });

  it('recognizes the device replies to console commands, which are not answered', () => {
    expect(decodeDevicePublish('ota/device/upgrade_reply', json({ id: '4:1', code: 200, data: {} }))).toEqual({
      kind: 'device_reply',
      id: '4:1',
      code: 200,
    });
    expect(decodeDevicePublish('ota/device/upgrade_reply', Buffer.from('garbage'))).toBeNull();
  });
});

describe('encoding', () => {
  it('encodes replies with data or with a message', () => {
    expect(JSON.parse(encodeReply('r1', { code: 200, data: {} }).toString())).toEqual({ id: 'r1', code: 200, data: {} });
    expect(JSON.parse(encodeReply(null, { code: 400, message: 'bad' }).toString())).toEqual({
      id: null,
      code: 400,
      message: 'bad',
    });
  });

  it('encodes the upgrade command as EnOS sends it, plus the firmware description devices can read', () => {
    const payload = encodeUpgradeCommand({
      messageId: '12:1',
      version: '2.0.0',
      sign: 'abc',
      signMethod: 'sha256',
      fileUrl: 'http://x/f',
      fileSize: 10,
      description: 'Fixes MPPT drift',
    });
    expect(JSON.parse(payload.toString())).toEqual({
      id: '12:1',
      version: '1.0',
      method: 'ota.device.upgrade',
      params: { version: '2.0.0', sign: 'abc', signMethod: 'sha256', fileUrl: 'http://x/f', fileSize: 10, description: 'Fixes MPPT drift' },
    });
  });

  it('builds topics and checks the namespace', () => {
    const device = { productKey: 'pk', deviceKey: 'dk' };
    expect(otaTopic(device, 'upgrade')).toBe('/sys/pk/dk/ota/device/upgrade');
    expect(isOwnTopic(device, '/sys/pk/dk/ota/device/inform')).toBe(true);
    expect(isOwnTopic(device, '/sys/pk/dk/#')).toBe(true);
    expect(isOwnTopic(device, '/sys/pk/dk2/ota/device/inform')).toBe(false);
    expect(isOwnTopic(device, '/sys/pk/+/ota/device/inform')).toBe(false);
    expect(isOwnTopic(device, '#')).toBe(false);
  });
});
