import { getDb } from '@/db/client';
import {
  getDeviceInOu,
  listDeviceAttributes,
  listDevices,
  listDeviceTags,
  listDeviceTreeLocations,
  listReportedVersions,
  listTagKeys,
  type DeviceFilter,
} from '@/db/queries/devices';
import { getAssetTreeInOu, listAssetNodes, listAssetTrees, listProducts, listProductsWithCounts } from '@/db/queries/fleet';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import type { PageRequest } from '@/lib/ui/pagination';

export function searchDevices({ actor, filter, page }: { actor: Actor; filter: DeviceFilter; page: PageRequest }) {
  requirePermission(actor, 'fleet:read');
  return listDevices(getDb(), actor.ouId, filter, { limit: page.pageSize, offset: page.offset });
}

/** Options for the device filters: products, reported versions and tag keys of the actor's OU. */
export function getDeviceFilterOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'fleet:read');
  const db = getDb();
  return {
    products: listProducts(db, actor.ouId),
    versions: listReportedVersions(db, actor.ouId),
    tagKeys: listTagKeys(db, actor.ouId),
  };
}

export function getDeviceDetails({ actor, deviceId }: { actor: Actor; deviceId: number }) {
  requirePermission(actor, 'fleet:read');
  const db = getDb();
  const found = getDeviceInOu(db, actor.ouId, deviceId);
  if (!found) throw new AppError('NOT_FOUND', 'Device not found.');
  return {
    device: found.device,
    product: found.product,
    attributes: listDeviceAttributes(db, actor.ouId, deviceId),
    tags: listDeviceTags(db, actor.ouId, deviceId),
    locations: listDeviceTreeLocations(db, actor.ouId, deviceId),
  };
}

export function getProducts({ actor }: { actor: Actor }) {
  requirePermission(actor, 'fleet:read');
  return listProductsWithCounts(getDb(), actor.ouId);
}

export function getAssetTrees({ actor }: { actor: Actor }) {
  requirePermission(actor, 'fleet:read');
  return listAssetTrees(getDb(), actor.ouId);
}

export function getAssetTree({ actor, treeId }: { actor: Actor; treeId: number }) {
  requirePermission(actor, 'fleet:read');
  const db = getDb();
  const tree = getAssetTreeInOu(db, actor.ouId, treeId);
  if (!tree) throw new AppError('NOT_FOUND', 'Asset tree not found.');
  return { tree, nodes: listAssetNodes(db, actor.ouId, treeId) };
}
