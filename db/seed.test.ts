import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetNodes, assetTrees, deviceAttributes, deviceTags, devices, memberships, ous, products, users } from './schema';
import { seedDemo } from './seed';
import { createTempDb } from './testing/temp-db';

const temp = createTempDb();
const db = temp.db;
const NOW = Date.UTC(2025, 5, 1, 12);
const TABLES = { ous, users, memberships, products, devices, deviceAttributes, deviceTags, assetTrees, assetNodes };

function tableCounts() {
  return Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()!.n]));
}

function ouId(name: string) {
  return db.select().from(ous).where(eq(ous.name, name)).get()!.id;
}

let firstCounts: Record<string, number>;
beforeAll(async () => {
  await seedDemo(db, { now: NOW });
  firstCounts = tableCounts();
});
afterAll(() => temp.cleanup());

describe('seedDemo', () => {
  it('is idempotent: seeding again adds nothing', async () => {
    const again = await seedDemo(db, { now: NOW + 1000 });
    expect(again).toEqual({ createdOus: [], skippedOus: ['Demo Energy', 'Northwind Grid'] });
    expect(tableCounts()).toEqual(firstCounts);
    expect(firstCounts.devices).toBeGreaterThan(0);
  });

  it('gives Demo Energy three products and at least 500 devices over 3–4 versions each, some never reported', () => {
    const demo = ouId('Demo Energy');
    const demoProducts = db.select().from(products).where(eq(products.ouId, demo)).all();
    expect(demoProducts.map((p) => p.name).sort()).toEqual(['Battery BMS', 'Smart Inverter', 'Smart Meter']);
    const total = db.select({ n: count() }).from(devices).where(eq(devices.ouId, demo)).get()!.n;
    expect(total).toBeGreaterThanOrEqual(500);
    for (const p of demoProducts) {
      const versions = db
        .selectDistinct({ v: devices.firmwareVersion })
        .from(devices)
        .where(and(eq(devices.productId, p.id), isNotNull(devices.firmwareVersion)))
        .all();
      expect(versions.length, p.name).toBeGreaterThanOrEqual(3);
      expect(versions.length, p.name).toBeLessThanOrEqual(4);
      const never = db.select({ n: count() }).from(devices).where(and(eq(devices.productId, p.id), isNull(devices.firmwareVersion))).get()!.n;
      expect(never, p.name).toBeGreaterThan(0);
    }
  });

  it('stores hardwareRevision as a number and gives every device a secret', () => {
    const revisions = db.select().from(deviceAttributes).where(eq(deviceAttributes.name, 'hardwareRevision')).all();
    expect(revisions.length).toBe(firstCounts.devices);
    expect(revisions.every((a) => typeof a.valueNum === 'number' && String(a.valueNum) === a.valueText)).toBe(true);
    const withoutSecret = db.select({ n: count() }).from(devices).where(sql`length(${devices.deviceSecret}) < 16`).get()!.n;
    expect(withoutSecret).toBe(0);
  });

  it('gives reported devices a recent last-seen time and leaves never-reported ones unseen', () => {
    const all = db.select().from(devices).all();
    const reported = all.filter((d) => d.firmwareVersion !== null);
    expect(reported.every((d) => d.lastSeenAt !== null && d.lastSeenAt < NOW && d.lastSeenAt >= NOW - 72 * 3_600_000)).toBe(true);
    expect(all.filter((d) => d.firmwareVersion === null).every((d) => d.lastSeenAt === null)).toBe(true);
    expect(new Set(reported.map((d) => d.lastSeenAt)).size).toBeGreaterThan(100);
  });

  it('builds two asset trees at least three levels deep with devices as leaves', () => {
    const trees = db.select().from(assetTrees).where(eq(assetTrees.ouId, ouId('Demo Energy'))).all();
    expect(trees.map((t) => t.name).sort()).toEqual(['Grid Storage', 'Solar Farms']);
    for (const tree of trees) {
      const nodes = db.select().from(assetNodes).where(eq(assetNodes.treeId, tree.id)).all();
      expect(Math.max(...nodes.map((n) => n.depth)), tree.name).toBeGreaterThanOrEqual(3);
      const deviceNodes = nodes.filter((n) => n.kind === 'device');
      expect(deviceNodes.length, tree.name).toBeGreaterThan(10);
      expect(deviceNodes.every((n) => n.deviceId !== null && !nodes.some((c) => c.parentId === n.id))).toBe(true);
      const deepest = deviceNodes.reduce((a, b) => (b.depth > a.depth ? b : a));
      expect(deepest.depth, tree.name).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives Northwind Grid its own OU Admin, products and devices', () => {
    const northwind = ouId('Northwind Grid');
    const admins = db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.ouId, northwind), eq(memberships.role, 'ou_admin')))
      .all();
    expect(admins).toEqual([{ email: 'admin@northwind.local' }]);
    const own = db.select().from(products).where(eq(products.ouId, northwind)).all();
    expect(own.map((p) => p.name).sort()).toEqual(['Feeder Relay', 'Substation Gateway']);
    for (const p of own) {
      const n = db.select({ n: count() }).from(devices).where(and(eq(devices.ouId, northwind), eq(devices.productId, p.id))).get()!.n;
      expect(n, p.name).toBeGreaterThan(0);
    }
  });
});
