import type { Actor } from '../../lib/auth/actor';
import { ROLE_PERMISSIONS, type Role } from '../../lib/auth/permissions';
import type { CreateFirmwareFormValues } from '../../lib/validation/firmware';
import type { Db } from '../client';
import { insertDeviceWithDetails } from '../queries/devices';
import { insertProduct } from '../queries/fleet';
import { insertMembership, insertUser } from '../queries/users';
import { ous } from '../schema';

/** An OU with one user per role, a product with three devices on two versions, and a product without devices. */
export function seedFirmwareFixture(db: Db, ouName = 'Test OU', now = 1_700_000_000_000) {
  const ou = db.insert(ous).values({ name: ouName, createdAt: now }).returning().get();
  const actorFor = (role: Role): Actor => {
    const user = insertUser(db, {
      email: `${role}@${ouName.toLowerCase().replace(/\W+/g, '-')}.test`,
      name: `${role} user`,
      passwordHash: 'x',
      createdAt: now,
    });
    insertMembership(db, ou.id, user.id, role, now);
    return {
      kind: 'user',
      userId: user.id,
      apiKeyId: null,
      displayName: user.name,
      ouId: ou.id,
      ouName,
      role,
      permissions: ROLE_PERMISSIONS[role],
    };
  };
  const product = insertProduct(db, { ouId: ou.id, productKey: 'inverter', name: 'Inverter', createdAt: now });
  const emptyProduct = insertProduct(db, { ouId: ou.id, productKey: 'meter', name: 'Meter', createdAt: now });
  const devices = ['dev-1', 'dev-2', 'dev-3'].map((deviceKey, i) =>
    insertDeviceWithDetails(db, {
      ouId: ou.id,
      productId: product.id,
      deviceKey,
      name: deviceKey,
      deviceSecret: `secret-${deviceKey}`,
      firmwareVersion: i === 2 ? null : '1.0.0',
      now,
    }),
  );
  return {
    ou,
    product,
    emptyProduct,
    devices,
    developer: actorFor('developer'),
    viewer: actorFor('viewer'),
  };
}

/** Form values of a valid "Add Firmware" submission; override what a test is about. */
export function firmwareFields(overrides: Partial<CreateFirmwareFormValues> = {}): Record<string, string> {
  const values = {
    name: 'Test firmware',
    version: '2.0.0',
    productId: '',
    signMethod: 'sha256',
    description: 'A test build',
    verificationRequired: 'true',
    maxVerifyDevices: '5',
    minVerifySuccesses: '1',
    tags: '[]',
    expectedHash: '',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : k === 'tags' ? JSON.stringify(v) : String(v)]),
  );
}
