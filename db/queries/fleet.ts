import { and, asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { assetNodes, assetTrees, devices, products } from '../schema';

export function listProductsWithCounts(db: DbOrTx, ouId: number) {
  return db
    .select({
      id: products.id,
      productKey: products.productKey,
      name: products.name,
      description: products.description,
      createdAt: products.createdAt,
      deviceCount: count(devices.id),
    })
    .from(products)
    .leftJoin(devices, eq(devices.productId, products.id))
    .where(eq(products.ouId, ouId))
    .groupBy(products.id)
    .orderBy(asc(products.name))
    .all();
}

export function listProducts(db: DbOrTx, ouId: number) {
  return db.select().from(products).where(eq(products.ouId, ouId)).orderBy(asc(products.name)).all();
}

export function getProductInOu(db: DbOrTx, ouId: number, productId: number) {
  return db
    .select()
    .from(products)
    .where(and(eq(products.ouId, ouId), eq(products.id, productId)))
    .get();
}

export function getProductByKey(db: DbOrTx, ouId: number, productKey: string) {
  return db
    .select()
    .from(products)
    .where(and(eq(products.ouId, ouId), eq(products.productKey, productKey)))
    .get();
}

export function insertProduct(db: DbOrTx, values: typeof products.$inferInsert) {
  return db.insert(products).values(values).returning().get();
}

export function listAssetTrees(db: DbOrTx, ouId: number) {
  return db
    .select({ id: assetTrees.id, name: assetTrees.name, createdAt: assetTrees.createdAt, nodeCount: count(assetNodes.id) })
    .from(assetTrees)
    .leftJoin(assetNodes, eq(assetNodes.treeId, assetTrees.id))
    .where(eq(assetTrees.ouId, ouId))
    .groupBy(assetTrees.id)
    .orderBy(asc(assetTrees.name))
    .all();
}

export function getAssetTreeInOu(db: DbOrTx, ouId: number, treeId: number) {
  return db
    .select()
    .from(assetTrees)
    .where(and(eq(assetTrees.ouId, ouId), eq(assetTrees.id, treeId)))
    .get();
}

/** Every node of a tree in path order (parents before children), with the device key of device nodes. */
export function listAssetNodes(db: DbOrTx, ouId: number, treeId: number) {
  return db
    .select({
      id: assetNodes.id,
      parentId: assetNodes.parentId,
      name: assetNodes.name,
      kind: assetNodes.kind,
      depth: assetNodes.depth,
      deviceId: assetNodes.deviceId,
      deviceKey: devices.deviceKey,
      online: devices.online,
      firmwareVersion: devices.firmwareVersion,
    })
    .from(assetNodes)
    .leftJoin(devices, eq(devices.id, assetNodes.deviceId))
    .where(and(eq(assetNodes.ouId, ouId), eq(assetNodes.treeId, treeId)))
    .orderBy(asc(assetNodes.depth), asc(assetNodes.sortOrder), asc(assetNodes.id))
    .all();
}

export function insertAssetTree(db: DbOrTx, ouId: number, name: string, now: number) {
  return db.insert(assetTrees).values({ ouId, name, createdAt: now }).returning().get();
}

/** Adds a node under `parent` (or as a root) and fills its materialized path. */
export function insertAssetNode(
  db: DbOrTx,
  tree: { id: number; ouId: number },
  parent: { id: number; path: string; depth: number } | null,
  node: { name: string; kind: 'asset' | 'device'; deviceId?: number; sortOrder?: number },
) {
  const row = db
    .insert(assetNodes)
    .values({
      ouId: tree.ouId,
      treeId: tree.id,
      parentId: parent?.id ?? null,
      name: node.name,
      kind: node.kind,
      deviceId: node.deviceId ?? null,
      path: '',
      depth: parent ? parent.depth + 1 : 0,
      sortOrder: node.sortOrder ?? 0,
    })
    .returning()
    .get();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  db.update(assetNodes).set({ path }).where(eq(assetNodes.id, row.id)).run();
  return { ...row, path };
}
