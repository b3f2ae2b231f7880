import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../lib/auth/password';
import type { Role } from '../lib/auth/permissions';
import { createRng, type Rng } from '../lib/random';
import type { Db, Tx } from './client';
import { insertDeviceWithDetails } from './queries/devices';
import { insertAssetNode, insertAssetTree, insertProduct } from './queries/fleet';
import { getMembership, getUserByEmail, insertMembership, insertUser } from './queries/users';
import { ous } from './schema';

/** The demo accounts; the demo command prints them and the README lists them. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ACCOUNTS: { email: string; name: string; ou: string; role: Role }[] = [
  { email: 'admin@demo.local', name: 'Ada Admin', ou: 'Demo Energy', role: 'ou_admin' },
  { email: 'developer@demo.local', name: 'Dev Eloper', ou: 'Demo Energy', role: 'developer' },
  { email: 'viewer@demo.local', name: 'Vera Viewer', ou: 'Demo Energy', role: 'viewer' },
  { email: 'norole@demo.local', name: 'Nora Norole', ou: 'Demo Energy', role: 'none' },
  { email: 'admin@northwind.local', name: 'Nils Northwind', ou: 'Northwind Grid', role: 'ou_admin' },
  // Lets the OU switcher be seen: the Demo Energy admin may also look at Northwind Grid.
  { email: 'admin@demo.local', name: 'Ada Admin', ou: 'Northwind Grid', role: 'viewer' },
];

type ProductPlan = {
  productKey: string;
  name: string;
  description: string;
  prefix: string;
  count: number;
  // Reported versions with weights; null = never reported.
  versions: [string | null, number][];
  models: string[];
};

const DEMO_ENERGY_PRODUCTS: ProductPlan[] = [
  {
    productKey: 'smart-inverter',
    name: 'Smart Inverter',
    description: 'Three-phase string inverter for solar farms',
    prefix: 'inv',
    count: 260,
    versions: [
      ['1.0.0', 3],
      ['1.1.0', 4],
      ['1.2.0', 2],
      [null, 1],
    ],
    models: ['SI-50K', 'SI-100K'],
  },
  {
    productKey: 'battery-bms',
    name: 'Battery BMS',
    description: 'Battery management system for grid storage cabinets',
    prefix: 'bms',
    count: 180,
    versions: [
      ['2.3.1', 5],
      ['2.4.0', 3],
      ['2.5.0', 1],
      [null, 1],
    ],
    models: ['BMS-200', 'BMS-400'],
  },
  {
    productKey: 'smart-meter',
    name: 'Smart Meter',
    description: 'Revenue-grade three-phase energy meter',
    prefix: 'mtr',
    count: 120,
    versions: [
      ['3.0.0', 2],
      ['3.0.1', 5],
      ['3.1.0', 2],
      [null, 1],
    ],
    models: ['EM-3P'],
  },
];

const NORTHWIND_PRODUCTS: ProductPlan[] = [
  {
    productKey: 'feeder-relay',
    name: 'Feeder Relay',
    description: 'Protection relay for distribution feeders',
    prefix: 'nw-relay',
    count: 40,
    versions: [
      ['5.0.0', 1],
      ['5.1.0', 1],
    ],
    models: ['FR-7'],
  },
  {
    productKey: 'substation-gateway',
    name: 'Substation Gateway',
    description: 'Edge gateway that bridges substation protocols to the cloud',
    prefix: 'nw-gw',
    count: 12,
    versions: [
      ['2.0.0', 2],
      ['2.1.0', 1],
      [null, 1],
    ],
    models: ['SG-1'],
  },
];

const REGIONS = ['north', 'south', 'east', 'west'];
const SITES = ['site-a', 'site-b', 'site-c', 'site-d'];
const BATCHES = ['2024-01', '2024-02', '2025-01'];

function weighted<T>(rng: Rng, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

type SeededDevice = { id: number; deviceKey: string; site: string; region: string; productKey: string };

const MINUTE = 60_000;

function seedProducts(tx: Tx, ouId: number, plans: ProductPlan[], rng: Rng, now: number): SeededDevice[] {
  const out: SeededDevice[] = [];
  // Its own generator, so the last-seen history does not shift the versions, regions and tags of the fleet.
  const seen = createRng(ouId * 7919);
  for (const plan of plans) {
    const product = insertProduct(tx, {
      ouId,
      productKey: plan.productKey,
      name: plan.name,
      description: plan.description,
      createdAt: now,
    });
    for (let i = 1; i <= plan.count; i++) {
      const deviceKey = `${plan.prefix}-${String(i).padStart(4, '0')}`;
      const region = rng.pick(REGIONS);
      const site = SITES[(i - 1) % SITES.length];
      const firmwareVersion = weighted(rng, plan.versions);
      const device = insertDeviceWithDetails(tx, {
        ouId,
        productId: product.id,
        deviceKey,
        name: `${plan.name} ${String(i).padStart(4, '0')}`,
        deviceSecret: crypto.randomBytes(16).toString('hex'),
        firmwareVersion,
        // A device that reported a version was connected at some point: within the last three days.
        lastSeenAt: firmwareVersion ? now - seen.int(1, 72 * 60) * MINUTE : null,
        attributes: { region, hardwareRevision: rng.int(1, 4), model: rng.pick(plan.models) },
        tags: { site, batch: rng.pick(BATCHES), env: rng.chance(0.85) ? 'prod' : 'staging' },
        now: now - rng.int(1, 90) * 86_400_000,
      });
      out.push({ id: device.id, deviceKey, site, region, productKey: plan.productKey });
    }
  }
  return out;
}

/** "Solar Farms": farm → inverter string → inverters, and each farm's meter beside its strings. */
function seedSolarTree(tx: Tx, ouId: number, fleet: SeededDevice[], now: number) {
  const tree = insertAssetTree(tx, ouId, 'Solar Farms', now);
  const root = insertAssetNode(tx, tree, null, { name: 'Solar Portfolio', kind: 'asset' });
  const inverters = fleet.filter((d) => d.productKey === 'smart-inverter');
  const meters = fleet.filter((d) => d.productKey === 'smart-meter');
  SITES.forEach((site, s) => {
    const farm = insertAssetNode(tx, tree, root, { name: `Farm ${site.slice(-1).toUpperCase()}`, kind: 'asset', sortOrder: s });
    const meter = meters[s];
    if (meter) insertAssetNode(tx, tree, farm, { name: meter.deviceKey, kind: 'device', deviceId: meter.id });
    const onSite = inverters.filter((d) => d.site === site).slice(0, 24);
    for (let g = 0; g < 3; g++) {
      const string = insertAssetNode(tx, tree, farm, { name: `String ${g + 1}`, kind: 'asset', sortOrder: g + 1 });
      for (const d of onSite.slice(g * 8, g * 8 + 8)) {
        insertAssetNode(tx, tree, string, { name: d.deviceKey, kind: 'device', deviceId: d.id });
      }
    }
  });
}

/** "Grid Storage": region → site → cabinet → battery systems. */
function seedStorageTree(tx: Tx, ouId: number, fleet: SeededDevice[], now: number) {
  const tree = insertAssetTree(tx, ouId, 'Grid Storage', now);
  const root = insertAssetNode(tx, tree, null, { name: 'Storage Fleet', kind: 'asset' });
  const bms = fleet.filter((d) => d.productKey === 'battery-bms');
  for (const [r, region] of ['north', 'south'].entries()) {
    const regionNode = insertAssetNode(tx, tree, root, { name: `Region ${region}`, kind: 'asset', sortOrder: r });
    for (const [s, site] of SITES.slice(r * 2, r * 2 + 2).entries()) {
      const siteNode = insertAssetNode(tx, tree, regionNode, { name: site, kind: 'asset', sortOrder: s });
      const here = bms.filter((d) => d.site === site).slice(0, 20);
      for (let c = 0; c < 2; c++) {
        const cabinet = insertAssetNode(tx, tree, siteNode, { name: `Cabinet ${c + 1}`, kind: 'asset', sortOrder: c });
        for (const d of here.slice(c * 10, c * 10 + 10)) {
          insertAssetNode(tx, tree, cabinet, { name: d.deviceKey, kind: 'device', deviceId: d.id });
        }
      }
    }
  }
}

export type SeedSummary = { createdOus: string[]; skippedOus: string[] };

/**
 * Seeds the demo OUs, accounts and fleets. Idempotent: an OU that already exists is left as it is, and accounts
 * and memberships are only added when missing.
 */
export async function seedDemo(db: Db, options: { now?: number; seed?: number } = {}): Promise<SeedSummary> {
  const now = options.now ?? Date.now();
  const rng = createRng(options.seed ?? 42);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary: SeedSummary = { createdOus: [], skippedOus: [] };

  db.transaction((tx) => {
    const fleets: Record<string, ProductPlan[]> = {
      'Demo Energy': DEMO_ENERGY_PRODUCTS,
      'Northwind Grid': NORTHWIND_PRODUCTS,
    };
    const ouIds = new Map<string, number>();
    for (const [name, plans] of Object.entries(fleets)) {
      const existing = tx.select().from(ous).where(eq(ous.name, name)).get();
      if (existing) {
        ouIds.set(name, existing.id);
        summary.skippedOus.push(name);
        continue;
      }
      const ou = tx.insert(ous).values({ name, createdAt: now }).returning().get();
      ouIds.set(name, ou.id);
      summary.createdOus.push(name);
      const fleet = seedProducts(tx, ou.id, plans, rng, now);
      if (name === 'Demo Energy') {
        seedSolarTree(tx, ou.id, fleet, now);
        seedStorageTree(tx, ou.id, fleet, now);
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const ouId = ouIds.get(account.ou)!;
      const user =
        getUserByEmail(tx, account.email) ??
        insertUser(tx, { email: account.email, name: account.name, passwordHash, createdAt: now });
      if (!getMembership(tx, ouId, user.id)) insertMembership(tx, ouId, user.id, account.role, now);
    }
  });
  return summary;
}
