-- From one row per answer and per aggregate key to packed values (see
-- db/schema/sqlite.ts). Answers move into responses.answers in the format of
-- db/answers-codec.ts; the old aggregate rows are dropped and rebuilt from the
-- answers on the next start (lib/results/repair.ts finds studies without buckets).
CREATE TABLE `aggregate_buckets` (
	`study_id` text NOT NULL,
	`perspective` text NOT NULL,
	`version_id` text NOT NULL,
	`segment` text NOT NULL,
	`day` integer NOT NULL,
	`sums` blob NOT NULL,
	PRIMARY KEY(`study_id`, `perspective`, `version_id`, `segment`, `day`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `aggregate_keys` (
	`study_id` text NOT NULL,
	`number` integer NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`study_id`, `number`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aggregate_keys_key_unique` ON `aggregate_keys` (`study_id`,`key`);--> statement-breakpoint
CREATE TABLE `import_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`study_id` text NOT NULL,
	`file_name` text NOT NULL,
	`content` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_uploads_expires_idx` ON `import_uploads` (`expires_at`);--> statement-breakpoint
DROP INDEX `items_study_idx`;--> statement-breakpoint
ALTER TABLE `items` ADD `number` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `items` SET `number` = (SELECT count(*) FROM `items` AS i2 WHERE i2.`study_id` = `items`.`study_id` AND i2.rowid <= `items`.rowid);--> statement-breakpoint
CREATE UNIQUE INDEX `items_study_number_unique` ON `items` (`study_id`,`number`);--> statement-breakpoint
DROP INDEX `responses_client_unique`;--> statement-breakpoint
DROP INDEX `responses_link_idx`;--> statement-breakpoint
ALTER TABLE `responses` ADD `answers` blob;--> statement-breakpoint
ALTER TABLE `responses` ADD `gap` real;--> statement-breakpoint
UPDATE `responses` SET `answers` = (
  SELECT unhex(group_concat(printf('%04x%02x%02x%02x', i.`number`, coalesce(a.`expected`, 0), coalesce(a.`perceived`, 0), coalesce(a.`rating`, 0)), '' ORDER BY i.`number`))
    FROM `answers` AS a JOIN `items` AS i ON i.`id` = a.`item_id`
   WHERE a.`response_id` = `responses`.`id`
);--> statement-breakpoint
DROP TABLE `aggregates`;--> statement-breakpoint
DROP TABLE `answers`;--> statement-breakpoint
DROP TABLE `perspective_aggregates`;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_unique` ON `responses` (`study_id`,`perspective`,`client_id`) WHERE "responses"."client_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_link_idx` ON `responses` (`link_id`) WHERE "responses"."link_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);