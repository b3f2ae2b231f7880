import { describe, expect, it } from 'vitest';
import { FIRMWARE_STATUSES, type FirmwareStatus } from '@/lib/ota/states';
import { verificationMenuItems } from './verification-menu';

const enabledItems = (status: FirmwareStatus) =>
  verificationMenuItems(7, status)
    .filter((i) => i.enabled)
    .map((i) => i.label);

describe('verificationMenuItems', () => {
  it.each([
    ['unverified', ['Verify Firmware']],
    ['verifying', []],
    ['verified', ['Upgrade Device', 'Create New Job']],
    ['verification_failed', ['Verify Firmware']],
    ['no_need', ['Upgrade Device', 'Create New Job']],
  ] as const)('enables for %s firmware only %j', (status, expected) => {
    expect(enabledItems(status)).toEqual(expected);
  });

  it('covers every firmware status, always lists the three items, and links each to its page', () => {
    expect(FIRMWARE_STATUSES).toHaveLength(5);
    expect(verificationMenuItems(7, 'verifying')).toEqual([
      expect.objectContaining({ label: 'Verify Firmware', href: '/firmware/7/verify', enabled: false }),
      expect.objectContaining({ label: 'Upgrade Device', href: '/firmware/7/upgrade-device', enabled: false }),
      expect.objectContaining({ label: 'Create New Job', href: '/ota-jobs/new?firmwareId=7', enabled: false }),
    ]);
  });
});
