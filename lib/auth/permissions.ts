/** Roles per OU membership and the permissions each grants (SPEC 1). Pure: used by guards, pages and tests. */

export const ROLES = ['ou_admin', 'developer', 'viewer', 'none'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ou_admin: 'OU Admin',
  developer: 'Developer',
  viewer: 'Viewer',
  none: 'No console role',
};

export const PERMISSIONS = [
  'firmware:read',
  'firmware:create',
  'firmware:delete',
  'ota:read',
  'ota:create',
  'ota:control',
  'ota:delete',
  'fleet:read',
  'fleet:write',
  'users:manage',
  'apikeys:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ['firmware:read', 'ota:read', 'fleet:read'];
const DEVELOPER: readonly Permission[] = [
  ...VIEWER,
  'firmware:create',
  'firmware:delete',
  'ota:create',
  'ota:control',
  'ota:delete',
  'fleet:write',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ou_admin: [...DEVELOPER, 'users:manage', 'apikeys:manage'],
  developer: DEVELOPER,
  viewer: VIEWER,
  none: [],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A role that may open the Developer Console at all; members without one see the "contact your OU administrator" page. */
export function hasConsoleAccess(role: Role): boolean {
  return role !== 'none';
}
