import type { FirmwareStatus, JobType } from './states';

/** Firmware verification (SPEC 3.2, 4.1): which job a firmware gets, and how a verification job sets its status. */

/** The job type a firmware's status calls for; null while it is being verified (no job can be created then). */
export function jobTypeForFirmware(status: FirmwareStatus): JobType | null {
  switch (status) {
    case 'unverified':
    case 'verification_failed':
      return 'verification';
    case 'verified':
    case 'no_need':
      return 'upgrade';
    case 'verifying':
      return null;
  }
}

/** The firmware status when a verification job starts (or starts again after a stop). */
export function firmwareStatusOnVerificationStart(status: FirmwareStatus): FirmwareStatus {
  return status === 'unverified' || status === 'verification_failed' ? 'verifying' : status;
}

/**
 * The firmware status after a verification job's counts change: Verified as soon as enough devices succeeded,
 * Verification Failed when the job has ended (completed or stopped) with fewer; otherwise unchanged.
 */
export function firmwareStatusAfterVerification(input: {
  status: FirmwareStatus;
  succeeded: number;
  minSuccesses: number;
  jobEnded: boolean;
}): FirmwareStatus {
  if (input.status !== 'verifying') return input.status;
  if (input.succeeded >= input.minSuccesses) return 'verified';
  return input.jobEnded ? 'verification_failed' : 'verifying';
}

/**
 * Why a verification job may not (re)enter Running, or null when it may: one verification job of a firmware runs at a
 * time, and only while the firmware is Unverified or Verification Failed (SPEC 3.2 "verify again").
 */
export function verificationRunRefusal(input: { status: FirmwareStatus; runningJobName: string | null }): string | null {
  if (input.runningJobName !== null) {
    return `Another verification job of this firmware ("${input.runningJobName}") is running: stop it first.`;
  }
  if (input.status === 'verified') return 'This firmware is already Verified: it needs no more verification.';
  if (input.status !== 'unverified' && input.status !== 'verification_failed') {
    return 'Only Unverified or Verification Failed firmware can be verified.';
  }
  return null;
}
