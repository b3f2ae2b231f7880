DROP INDEX `asset_nodes_device_idx`;--> statement-breakpoint
CREATE INDEX `asset_nodes_device_tree_path_idx` ON `asset_nodes` (`device_id`,`tree_id`,`path`);--> statement-breakpoint
CREATE INDEX `ota_tasks_job_state_id_idx` ON `ota_tasks` (`job_id`,`state`,`id`);