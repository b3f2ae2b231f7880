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
