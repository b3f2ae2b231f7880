import { describe, expect, it } from 'vitest';
import { hasConsoleAccess, hasPermission, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './permissions';

const all = new Set<Permission>(PERMISSIONS);
const viewer: Permission[] = ['firmware:read', 'ota:read', 'fleet:read'];
const developer: Permission[] = [
  ...viewer,
  'firmware:create',
  'firmware:delete',
  'ota:create',
  'ota:control',
  'ota:delete',
  'fleet:write',
];

describe('role → permissions (SPEC 1)', () => {
  it('an OU Admin may do everything, including managing users and API keys', () => {
    expect(new Set(ROLE_PERMISSIONS.ou_admin)).toEqual(all);
  });

  it('a Developer may read, create and delete firmware, create, control and delete OTA jobs, and import devices, but not manage users', () => {
    expect(new Set(ROLE_PERMISSIONS.developer)).toEqual(new Set(developer));
    expect(hasPermission('developer', 'users:manage')).toBe(false);
    expect(hasPermission('developer', 'apikeys:manage')).toBe(false);
  });

  it('a Viewer may only read', () => {
    expect(new Set(ROLE_PERMISSIONS.viewer)).toEqual(new Set(viewer));
    for (const p of ['firmware:create', 'firmware:delete', 'ota:create', 'ota:control', 'ota:delete', 'fleet:write'] as const) {
      expect(hasPermission('viewer', p)).toBe(false);
    }
  });

  it('a member without a console role may do nothing and is kept out of the console', () => {
    expect(ROLE_PERMISSIONS.none).toEqual([]);
    expect(hasConsoleAccess('none')).toBe(false);
    expect(hasConsoleAccess('viewer')).toBe(true);
    expect(hasConsoleAccess('developer')).toBe(true);
    expect(hasConsoleAccess('ou_admin')).toBe(true);
  });
});
