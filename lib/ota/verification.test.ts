import { describe, expect, it } from 'vitest';
import { firmwareStatusAfterVerification, firmwareStatusOnVerificationStart, jobTypeForFirmware } from './verification';

describe('verification', () => {
  it('derives the job type from the firmware status', () => {
    expect(jobTypeForFirmware('unverified')).toBe('verification');
    expect(jobTypeForFirmware('verification_failed')).toBe('verification');
    expect(jobTypeForFirmware('verified')).toBe('upgrade');
    expect(jobTypeForFirmware('no_need')).toBe('upgrade');
    expect(jobTypeForFirmware('verifying')).toBeNull();
  });
  it('moves to Verifying on start', () => {
    expect(firmwareStatusOnVerificationStart('unverified')).toBe('verifying');
    expect(firmwareStatusOnVerificationStart('verification_failed')).toBe('verifying');
    expect(firmwareStatusOnVerificationStart('verified')).toBe('verified');
  });
  it('verifies at the minimum successes, fails when the job ends with fewer', () => {
    const base = { status: 'verifying' as const, minSuccesses: 2 };
    expect(firmwareStatusAfterVerification({ ...base, succeeded: 1, jobEnded: false })).toBe('verifying');
    expect(firmwareStatusAfterVerification({ ...base, succeeded: 2, jobEnded: false })).toBe('verified');
    expect(firmwareStatusAfterVerification({ ...base, succeeded: 1, jobEnded: true })).toBe('verification_failed');
    expect(firmwareStatusAfterVerification({ ...base, status: 'verified', succeeded: 0, jobEnded: true })).toBe('verified');
  });
});
