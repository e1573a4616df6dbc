CREATE TABLE `campaign_recipients` (
	`campaign_id` text NOT NULL,
	`link_id` text NOT NULL,
	`contact_id` text,
	`state` text NOT NULL,
	`error` text,
	`sent_at` integer,
	`reminders` integer DEFAULT 0 NOT NULL,
	`last_reminded_at` integer,
	PRIMARY KEY(`campaign_id`, `link_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `campaign_recipients_contact_idx` ON `campaign_recipients` (`contact_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`study_id` text NOT NULL,
	`audience` text NOT NULL,
	`send_at` integer NOT NULL,
	`reminder_after_days` integer,
	`reminder_max` integer DEFAULT 0 NOT NULL,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	`next_reminder_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_study_idx` ON `campaigns` (`study_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `campaigns_reminder_idx` ON `campaigns` (`next_reminder_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`language` text,
	`segment` text DEFAULT '' NOT NULL,
	`external_id` text DEFAULT '' NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`unsubscribed_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_email_unique` ON `contacts` (`workspace_id`,`email`);--> statement-breakpoint
CREATE INDEX `contacts_segment_idx` ON `contacts` (`workspace_id`,`segment`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_unsubscribe_unique` ON `contacts` (`unsubscribe_token`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text,
	`kind` text NOT NULL,
	`campaign_id` text,
	`link_id` text,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text,
	`html_body` text,
	`unsubscribe_url` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`send_after` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `emails_due_idx` ON `emails` (`state`,`send_after`);--> statement-breakpoint
CREATE INDEX `emails_campaign_idx` ON `emails` (`campaign_id`,`link_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
ALTER TABLE `links` ADD `contact_id` text REFERENCES contacts(id) ON DELETE set null;--> statement-breakpoint
CREATE UNIQUE INDEX `links_contact_unique` ON `links` (`study_id`,`contact_id`) WHERE "links"."contact_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `studies` ADD `mail_template` text;