import { describe, expect, it } from 'vitest';
import { firmwareStatusAfterVerification, firmwareStatusOnVerificationStart, jobTypeForFirmware, verificationRunRefusal } from './verification';

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
  it('lets one verification job run at a time, and only for Unverified or Verification Failed firmware', () => {
    expect(verificationRunRefusal({ status: 'unverified', runningJobName: null })).toBeNull();
    expect(verificationRunRefusal({ status: 'verification_failed', runningJobName: null })).toBeNull();
    expect(verificationRunRefusal({ status: 'verifying', runningJobName: 'V1' })).toBe(
      'Another verification job of this firmware ("V1") is running: stop it first.',
    );
    expect(verificationRunRefusal({ status: 'verified', runningJobName: null })).toBe('This firmware is already Verified: it needs no more verification.');
    expect(verificationRunRefusal({ status: 'no_need', runningJobName: null })).toBe('Only Unverified or Verification Failed firmware can be verified.');
  });
});
