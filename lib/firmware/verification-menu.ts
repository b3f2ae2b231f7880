import type { FirmwareStatus } from '@/lib/ota/states';

export type VerificationMenuItem = {
  label: 'Verify Firmware' | 'Upgrade Device' | 'Create New Job';
  href: string;
  enabled: boolean;
  /** Why a disabled item is disabled (its tooltip). */
  why: string;
};

const CAN_VERIFY: readonly FirmwareStatus[] = ['unverified', 'verification_failed'];
const CAN_UPGRADE: readonly FirmwareStatus[] = ['verified', 'no_need'];

/**
 * The items of the details page's "Verification" menu (SPEC 3.3): "Verify Firmware" only for Unverified /
 * Verification Failed firmware; "Upgrade Device" and "Create New Job" only for Verified / No Need.
 */
export function verificationMenuItems(firmwareId: number, status: FirmwareStatus): VerificationMenuItem[] {
  const canVerify = CAN_VERIFY.includes(status);
  const canUpgrade = CAN_UPGRADE.includes(status);
  return [
    {
      label: 'Verify Firmware',
      href: `/firmware/${firmwareId}/verify`,
      enabled: canVerify,
      why: 'Only Unverified or Verification Failed firmware can be verified',
    },
    {
      label: 'Upgrade Device',
      href: `/firmware/${firmwareId}/upgrade-device`,
      enabled: canUpgrade,
      why: 'Only Verified or No Need firmware can upgrade devices',
    },
    {
      label: 'Create New Job',
      href: `/ota-jobs/new?firmwareId=${firmwareId}`,
      enabled: canUpgrade,
      why: 'Only Verified or No Need firmware can be used by upgrade jobs',
    },
  ];
}
