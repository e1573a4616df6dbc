CREATE TABLE `alert_rules` (
	`study_id` text PRIMARY KEY NOT NULL,
	`threshold` real,
	`criterion_key` text,
	`criterion_threshold` real,
	`notify` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`author_id` text,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `case_notes_case_idx` ON `case_notes` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`response_id` text NOT NULL,
	`origin` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`assignee_id` text,
	`due_at` integer,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`contacted_at` integer,
	`resolved_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_response_unique` ON `cases` (`response_id`);--> statement-breakpoint
CREATE INDEX `cases_study_state_idx` ON `cases` (`study_id`,`state`,`opened_at`);--> statement-breakpoint
CREATE TABLE `response_contacts` (
	`response_id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`event` text NOT NULL,
	`body` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`send_after` integer NOT NULL,
	`locked_until` integer,
	`last_status` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`state`,`send_after`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `webhooks_workspace_idx` ON `webhooks` (`workspace_id`);--> statement-breakpoint
ALTER TABLE `studies` ADD `consent_step` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Responses marked as followed up before cases existed become resolved cases (their note a case note).
INSERT INTO `cases` (`id`, `study_id`, `response_id`, `origin`, `state`, `opened_at`, `updated_at`, `resolved_at`)
SELECT 'case-' || `id`, `study_id`, `id`, 'manual', 'resolved', `followed_up_at`, `followed_up_at`, `followed_up_at`
FROM `responses` WHERE `followed_up_at` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `case_notes` (`id`, `case_id`, `text`, `created_at`)
SELECT 'note-' || `id`, 'case-' || `id`, `follow_up_note`, `followed_up_at`
FROM `responses` WHERE `followed_up_at` IS NOT NULL AND coalesce(`follow_up_note`, '') <> '';
