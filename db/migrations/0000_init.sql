CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_unique` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_ou_idx` ON `api_keys` (`ou_id`);--> statement-breakpoint
CREATE TABLE `asset_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`tree_id` integer NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`device_id` integer,
	`path` text NOT NULL,
	`depth` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tree_id`) REFERENCES `asset_trees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `asset_nodes_tree_path_idx` ON `asset_nodes` (`tree_id`,`path`);--> statement-breakpoint
CREATE INDEX `asset_nodes_parent_idx` ON `asset_nodes` (`tree_id`,`parent_id`);--> statement-breakpoint
CREATE INDEX `asset_nodes_device_idx` ON `asset_nodes` (`device_id`);--> statement-breakpoint
CREATE TABLE `asset_trees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `asset_trees_ou_name_uq` ON `asset_trees` (`ou_id`,`name`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`actor_user_id` integer,
	`actor_api_key_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_events_ou_at_idx` ON `audit_events` (`ou_id`,`at`);--> statement-breakpoint
CREATE TABLE `device_attributes` (
	`device_id` integer NOT NULL,
	`ou_id` integer NOT NULL,
	`name` text NOT NULL,
	`value_text` text NOT NULL,
	`value_num` real,
	PRIMARY KEY(`device_id`, `name`),
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `device_attributes_text_idx` ON `device_attributes` (`ou_id`,`name`,`value_text`);--> statement-breakpoint
CREATE INDEX `device_attributes_num_idx` ON `device_attributes` (`ou_id`,`name`,`value_num`);--> statement-breakpoint
CREATE TABLE `device_tags` (
	`device_id` integer NOT NULL,
	`ou_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`device_id`, `key`),
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `device_tags_kv_idx` ON `device_tags` (`ou_id`,`key`,`value`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`device_key` text NOT NULL,
	`name` text NOT NULL,
	`device_secret` text NOT NULL,
	`firmware_version` text,
	`version_reported_at` integer,
	`online` integer DEFAULT false NOT NULL,
	`last_seen_at` integer,
	`scope_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_ou_key_uq` ON `devices` (`ou_id`,`device_key`);--> statement-breakpoint
CREATE INDEX `devices_ou_product_version_idx` ON `devices` (`ou_id`,`product_id`,`firmware_version`);--> statement-breakpoint
CREATE INDEX `devices_ou_version_idx` ON `devices` (`ou_id`,`firmware_version`);--> statement-breakpoint
CREATE INDEX `devices_ou_name_idx` ON `devices` (`ou_id`,`name`);--> statement-breakpoint
CREATE INDEX `devices_ou_online_idx` ON `devices` (`ou_id`,`online`);--> statement-breakpoint
CREATE INDEX `devices_ou_scope_changed_idx` ON `devices` (`ou_id`,`scope_changed_at`);--> statement-breakpoint
CREATE TABLE `firmware` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`product_id` integer,
	`name` text NOT NULL,
	`version` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`sign_method` text NOT NULL,
	`sign` text NOT NULL,
	`file_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`status` text NOT NULL,
	`verification_required` integer NOT NULL,
	`max_verify_devices` integer DEFAULT 5 NOT NULL,
	`min_verify_successes` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `firmware_ou_product_version_uq` ON `firmware` (`ou_id`,coalesce(`product_id`, 0),`version`);--> statement-breakpoint
CREATE INDEX `firmware_ou_created_idx` ON `firmware` (`ou_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `firmware_ou_status_idx` ON `firmware` (`ou_id`,`status`);--> statement-breakpoint
CREATE INDEX `firmware_file_idx` ON `firmware` (`file_id`);--> statement-breakpoint
CREATE TABLE `firmware_tags` (
	`firmware_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`firmware_id`, `key`),
	FOREIGN KEY (`firmware_id`) REFERENCES `firmware`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`ou_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`ou_id`, `user_id`),
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `ota_job_samples` (
	`job_id` integer NOT NULL,
	`at` integer NOT NULL,
	`queued` integer NOT NULL,
	`pending_push` integer NOT NULL,
	`pushed` integer NOT NULL,
	`upgrading` integer NOT NULL,
	`succeeded` integer NOT NULL,
	`failed` integer NOT NULL,
	`canceled` integer NOT NULL,
	PRIMARY KEY(`job_id`, `at`),
	FOREIGN KEY (`job_id`) REFERENCES `ota_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ota_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`firmware_id` integer NOT NULL,
	`product_id` integer,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`scope` text NOT NULL,
	`from_versions` text NOT NULL,
	`max_concurrency` integer NOT NULL,
	`timeout_seconds` integer NOT NULL,
	`retry_enabled` integer NOT NULL,
	`retry_interval_seconds` integer NOT NULL,
	`max_retries` integer NOT NULL,
	`schedule_start` integer,
	`schedule_end` integer,
	`time_zone` text NOT NULL,
	`repeat_daily` integer NOT NULL,
	`device_request_enabled` integer NOT NULL,
	`start_on_create` integer NOT NULL,
	`total_tasks` integer DEFAULT 0 NOT NULL,
	`queued_count` integer DEFAULT 0 NOT NULL,
	`pending_push_count` integer DEFAULT 0 NOT NULL,
	`pushed_count` integer DEFAULT 0 NOT NULL,
	`upgrading_count` integer DEFAULT 0 NOT NULL,
	`succeeded_count` integer DEFAULT 0 NOT NULL,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`canceled_count` integer DEFAULT 0 NOT NULL,
	`last_scope_scan_at` integer,
	`last_scope_scan_device_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`stopped_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`firmware_id`) REFERENCES `firmware`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ota_jobs_ou_created_idx` ON `ota_jobs` (`ou_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ota_jobs_status_idx` ON `ota_jobs` (`status`);--> statement-breakpoint
CREATE INDEX `ota_jobs_firmware_idx` ON `ota_jobs` (`firmware_id`);--> statement-breakpoint
CREATE TABLE `ota_task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`job_id` integer NOT NULL,
	`at` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`attempt` integer NOT NULL,
	`reason` text,
	`progress` integer,
	FOREIGN KEY (`task_id`) REFERENCES `ota_tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ota_task_events_task_idx` ON `ota_task_events` (`task_id`,`at`);--> statement-breakpoint
CREATE INDEX `ota_task_events_job_at_idx` ON `ota_task_events` (`job_id`,`at`);--> statement-breakpoint
CREATE TABLE `ota_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`job_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`state` text NOT NULL,
	`attempt` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`origin` text,
	`push_message_id` text,
	`push_sent_at` integer,
	`pushed_at` integer,
	`deadline_at` integer,
	`progress` integer,
	`progress_desc` text,
	`failure_reason` text,
	`from_version` text,
	`to_version` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`job_id`) REFERENCES `ota_jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ota_tasks_job_device_uq` ON `ota_tasks` (`job_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `ota_tasks_job_state_next_idx` ON `ota_tasks` (`job_id`,`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `ota_tasks_job_state_deadline_idx` ON `ota_tasks` (`job_id`,`state`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `ota_tasks_device_idx` ON `ota_tasks` (`device_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `ota_tasks_device_active_uq` ON `ota_tasks` (`device_id`) WHERE state in ('queued', 'pending_push', 'pushed', 'upgrading');--> statement-breakpoint
CREATE TABLE `ous` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ous_name_unique` ON `ous` (`name`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`product_key` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_ou_key_uq` ON `products` (`ou_id`,`product_key`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ou_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`md5` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ou_id`) REFERENCES `ous`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stored_files_ou_sha_uq` ON `stored_files` (`ou_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);