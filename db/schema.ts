import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { ROLES } from '../lib/auth/permissions';
import {
  FIRMWARE_STATUSES,
  JOB_STATUSES,
  JOB_TYPES,
  SIGN_METHODS,
  TASK_ORIGINS,
  TASK_STATES,
  UPGRADE_METHODS,
} from '../lib/ota/states';
import type { JobScope } from '../lib/ota/scope-types';

// Times are epoch milliseconds (integers) everywhere: the scheduler's injected clock speaks the same unit.
const createdAt = () => integer('created_at').notNull();

// ─── Organization units, users, roles ────────────────────────────────────────────────────────────

export const ous = sqliteTable('ous', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Stored lower-cased so sign-in is case-insensitive on the address.
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ouId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // The visible start of the key, used to find the row; the rest is only stored hashed.
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_keys_ou_idx').on(t.ouId)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: integer('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: integer('at').notNull(),
  },
  (t) => [index('audit_events_ou_at_idx').on(t.ouId, t.at)],
);

// ─── Fleet ───────────────────────────────────────────────────────────────────────────────────────

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    productKey: text('product_key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('products_ou_key_uq').on(t.ouId, t.productKey)],
);

export const devices = sqliteTable(
  'devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    deviceKey: text('device_key').notNull(),
    name: text('name').notNull(),
    deviceSecret: text('device_secret').notNull(),
    // As last reported by the device (inform); null until it reports.
    firmwareVersion: text('firmware_version'),
    versionReportedAt: integer('version_reported_at'),
    online: integer('online', { mode: 'boolean' }).notNull().default(false),
    lastSeenAt: integer('last_seen_at'),
    // Bumped whenever something a scope can match on changes (version, tags, attributes, tree placement), so an
    // Incremental job finds newly eligible devices with an index range instead of rescanning the fleet.
    scopeChangedAt: integer('scope_changed_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('devices_ou_key_uq').on(t.ouId, t.deviceKey),
    index('devices_ou_product_version_idx').on(t.ouId, t.productId, t.firmwareVersion),
    index('devices_ou_version_idx').on(t.ouId, t.firmwareVersion),
    index('devices_ou_name_idx').on(t.ouId, t.name),
    index('devices_ou_online_idx').on(t.ouId, t.online),
    index('devices_ou_scope_changed_idx').on(t.ouId, t.scopeChangedAt),
  ],
);

/** One row per attribute; text and numeric values live in separate indexed columns for value lists and ranges. */
export const deviceAttributes = sqliteTable(
  'device_attributes',
  {
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    ouId: integer('ou_id').notNull(),
    name: text('name').notNull(),
    // Always set: the value as text (numbers in their canonical form), so value lists match either kind.
    valueText: text('value_text').notNull(),
    // Set only for numeric attributes; ranges use it.
    valueNum: real('value_num'),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.name] }),
    index('device_attributes_text_idx').on(t.ouId, t.name, t.valueText),
    index('device_attributes_num_idx').on(t.ouId, t.name, t.valueNum),
  ],
);

export const deviceTags = sqliteTable(
  'device_tags',
  {
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    ouId: integer('ou_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.key] }),
    index('device_tags_kv_idx').on(t.ouId, t.key, t.value),
  ],
);

export const assetTrees = sqliteTable(
  'asset_trees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('asset_trees_ou_name_uq').on(t.ouId, t.name)],
);

export const assetNodes = sqliteTable(
  'asset_nodes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id').notNull(),
    treeId: integer('tree_id')
      .notNull()
      .references(() => assetTrees.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['asset', 'device'] }).notNull(),
    deviceId: integer('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    // Materialized path of ancestor ids including this node, e.g. "/4/17/230/": "at or below node 17" is the
    // index range path >= '/4/17/' AND path < '/4/170' ('0' is the character after '/').
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('asset_nodes_tree_path_idx').on(t.treeId, t.path),
    index('asset_nodes_parent_idx').on(t.treeId, t.parentId),
    // A scope's "device at or below a node" is one lookup per device: (device, tree, path range).
    index('asset_nodes_device_tree_path_idx').on(t.deviceId, t.treeId, t.path),
  ],
);

// ─── Firmware ────────────────────────────────────────────────────────────────────────────────────

/** A content-addressed file on disk (DATA_DIR/files/{ouId}/{sha256}); shared by firmware rows with equal bytes. */
export const storedFiles = sqliteTable(
  'stored_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    md5: text('md5').notNull(),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stored_files_ou_sha_uq').on(t.ouId, t.sha256)],
);

export const firmware = sqliteTable(
  'firmware',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    productId: integer('product_id').references(() => products.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    version: text('version').notNull(),
    description: text('description').notNull().default(''),
    signMethod: text('sign_method', { enum: SIGN_METHODS }).notNull(),
    // The file's hex digest in signMethod, computed by the server.
    sign: text('sign').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    status: text('status', { enum: FIRMWARE_STATUSES }).notNull(),
    verificationRequired: integer('verification_required', { mode: 'boolean' }).notNull(),
    maxVerifyDevices: integer('max_verify_devices').notNull().default(5),
    minVerifySuccesses: integer('min_verify_successes').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // A firmware without product still has a unique version among the product-less ones.
    uniqueIndex('firmware_ou_product_version_uq').on(t.ouId, sql`coalesce(${t.productId}, 0)`, t.version),
    index('firmware_ou_created_idx').on(t.ouId, t.createdAt),
    index('firmware_ou_status_idx').on(t.ouId, t.status),
    index('firmware_file_idx').on(t.fileId),
  ],
);

export const firmwareTags = sqliteTable(
  'firmware_tags',
  {
    firmwareId: integer('firmware_id')
      .notNull()
      .references(() => firmware.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmwareId, t.key] })],
);

// ─── OTA jobs and tasks ──────────────────────────────────────────────────────────────────────────

export const otaJobs = sqliteTable(
  'ota_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id')
      .notNull()
      .references(() => ous.id, { onDelete: 'cascade' }),
    firmwareId: integer('firmware_id')
      .notNull()
      .references(() => firmware.id, { onDelete: 'restrict' }),
    productId: integer('product_id').references(() => products.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    type: text('type', { enum: JOB_TYPES }).notNull(),
    method: text('method', { enum: UPGRADE_METHODS }).notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    // "Upgrade Scope"
    scope: text('scope', { mode: 'json' }).$type<JobScope>().notNull(),
    fromVersions: text('from_versions', { mode: 'json' }).$type<string[]>().notNull(),
    // "Upgrade Strategy"
    maxConcurrency: integer('max_concurrency').notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    retryEnabled: integer('retry_enabled', { mode: 'boolean' }).notNull(),
    retryIntervalSeconds: integer('retry_interval_seconds').notNull(),
    maxRetries: integer('max_retries').notNull(),
    scheduleStart: integer('schedule_start'),
    scheduleEnd: integer('schedule_end'),
    timeZone: text('time_zone').notNull(),
    repeatDaily: integer('repeat_daily', { mode: 'boolean' }).notNull(),
    deviceRequestEnabled: integer('device_request_enabled', { mode: 'boolean' }).notNull(),
    startOnCreate: integer('start_on_create', { mode: 'boolean' }).notNull(),
    // Per-state task counters, kept in the same transaction as every task transition so progress never scans tasks.
    totalTasks: integer('total_tasks').notNull().default(0),
    queuedCount: integer('queued_count').notNull().default(0),
    pendingPushCount: integer('pending_push_count').notNull().default(0),
    pushedCount: integer('pushed_count').notNull().default(0),
    upgradingCount: integer('upgrading_count').notNull().default(0),
    succeededCount: integer('succeeded_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    canceledCount: integer('canceled_count').notNull().default(0),
    // Incremental jobs resume their scan of devices (scope_changed_at, id) from this cursor: a bulk import gives
    // thousands of devices the same scope_changed_at, so the time alone cannot say where a batch stopped.
    lastScopeScanAt: integer('last_scope_scan_at'),
    lastScopeScanDeviceId: integer('last_scope_scan_device_id'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
    startedAt: integer('started_at'),
    stoppedAt: integer('stopped_at'),
    completedAt: integer('completed_at'),
  },
  (t) => [
    index('ota_jobs_ou_created_idx').on(t.ouId, t.createdAt),
    index('ota_jobs_status_idx').on(t.status),
    index('ota_jobs_firmware_idx').on(t.firmwareId),
  ],
);

export const otaTasks = sqliteTable(
  'ota_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ouId: integer('ou_id').notNull(),
    jobId: integer('job_id')
      .notNull()
      .references(() => otaJobs.id, { onDelete: 'cascade' }),
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    state: text('state', { enum: TASK_STATES }).notNull(),
    // Attempts started (pushes made or device requests answered); retries add one each.
    attempt: integer('attempt').notNull().default(0),
    // Queued tasks are not admitted before this time (retry interval); null means now.
    nextAttemptAt: integer('next_attempt_at'),
    origin: text('origin', { enum: TASK_ORIGINS }),
    // The push of the current attempt: its id ("{taskId}:{attempt}") is recorded before sending and reused on resend.
    pushMessageId: text('push_message_id'),
    pushSentAt: integer('push_sent_at'),
    pushedAt: integer('pushed_at'),
    // "Upgrade Timeout" measured from the push.
    deadlineAt: integer('deadline_at'),
    progress: integer('progress'),
    progressDesc: text('progress_desc'),
    failureReason: text('failure_reason'),
    fromVersion: text('from_version'),
    toVersion: text('to_version').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    uniqueIndex('ota_tasks_job_device_uq').on(t.jobId, t.deviceId),
    index('ota_tasks_job_state_next_idx').on(t.jobId, t.state, t.nextAttemptAt),
    index('ota_tasks_job_state_deadline_idx').on(t.jobId, t.state, t.deadlineAt),
    // Bulk actions walk a job's tasks in one state in id order (keyset slices) without sorting them.
    index('ota_tasks_job_state_id_idx').on(t.jobId, t.state, t.id),
    index('ota_tasks_device_idx').on(t.deviceId, t.createdAt),
    // The database itself guarantees a device is never in two active tasks (SPEC 4.3).
    uniqueIndex('ota_tasks_device_active_uq')
      .on(t.deviceId)
      .where(sql`state in ('queued', 'pending_push', 'pushed', 'upgrading')`),
  ],
);

export const otaTaskEvents = sqliteTable(
  'ota_task_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => otaTasks.id, { onDelete: 'cascade' }),
    jobId: integer('job_id').notNull(),
    at: integer('at').notNull(),
    fromState: text('from_state', { enum: TASK_STATES }),
    toState: text('to_state', { enum: TASK_STATES }).notNull(),
    attempt: integer('attempt').notNull(),
    reason: text('reason'),
    progress: integer('progress'),
  },
  (t) => [index('ota_task_events_task_idx').on(t.taskId, t.at), index('ota_task_events_job_at_idx').on(t.jobId, t.at)],
);

/** Per-state task counts of a job over time, for the rollout chart; written by the scheduler when counts change. */
export const otaJobSamples = sqliteTable(
  'ota_job_samples',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => otaJobs.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    queued: integer('queued').notNull(),
    pendingPush: integer('pending_push').notNull(),
    pushed: integer('pushed').notNull(),
    upgrading: integer('upgrading').notNull(),
    succeeded: integer('succeeded').notNull(),
    failed: integer('failed').notNull(),
    canceled: integer('canceled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.at] })],
);

export type Ou = typeof ous.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type Device = typeof devices.$inferSelect;
export type NewDevice = typeof devices.$inferInsert;
export type DeviceAttribute = typeof deviceAttributes.$inferSelect;
export type DeviceTag = typeof deviceTags.$inferSelect;
export type AssetTree = typeof assetTrees.$inferSelect;
export type AssetNode = typeof assetNodes.$inferSelect;
export type StoredFile = typeof storedFiles.$inferSelect;
export type Firmware = typeof firmware.$inferSelect;
export type NewFirmware = typeof firmware.$inferInsert;
export type OtaJob = typeof otaJobs.$inferSelect;
export type NewOtaJob = typeof otaJobs.$inferInsert;
export type OtaTask = typeof otaTasks.$inferSelect;
export type NewOtaTask = typeof otaTasks.$inferInsert;
export type OtaTaskEvent = typeof otaTaskEvents.$inferSelect;
export type OtaJobSample = typeof otaJobSamples.$inferSelect;
