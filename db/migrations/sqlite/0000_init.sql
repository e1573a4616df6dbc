CREATE TABLE `aggregates` (
	`study_id` text NOT NULL,
	`version_id` text NOT NULL,
	`segment` text NOT NULL,
	`day` integer NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`version_id`, `segment`, `day`, `key`)
);
--> statement-breakpoint
CREATE INDEX `aggregates_study_idx` ON `aggregates` (`study_id`,`version_id`,`day`,`segment`,`key`,`n`,`sum`,`sum_sq`);--> statement-breakpoint
CREATE TABLE `answers` (
	`response_id` text NOT NULL,
	`item_id` text NOT NULL,
	`expected` integer,
	`perceived` integer,
	`rating` integer,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_workspace_idx` ON `api_keys` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `cause_answers` (
	`response_id` text NOT NULL,
	`statement_key` text NOT NULL,
	`rating` integer,
	PRIMARY KEY(`response_id`, `statement_key`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`response_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`response_id`, `criterion_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`weight` real NOT NULL,
	`position` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `criteria_study_idx` ON `criteria` (`study_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`reverse` integer DEFAULT false NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`bank_id` text,
	`facet` text,
	`position` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `items_study_idx` ON `items` (`study_id`);--> statement-breakpoint
CREATE INDEX `items_criterion_idx` ON `items` (`criterion_id`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`kind` text NOT NULL,
	`token` text NOT NULL,
	`perspective` text,
	`segment` text,
	`used_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_token_unique` ON `links` (`token`);--> statement-breakpoint
CREATE INDEX `links_study_idx` ON `links` (`study_id`,`kind`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `perspective_aggregates` (
	`study_id` text NOT NULL,
	`version_id` text NOT NULL,
	`perspective` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`version_id`, `perspective`, `key`)
);
--> statement-breakpoint
CREATE INDEX `perspective_aggregates_study_idx` ON `perspective_aggregates` (`study_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`version_id` text NOT NULL,
	`link_id` text,
	`perspective` text DEFAULT 'customer' NOT NULL,
	`client_id` text,
	`segment` text DEFAULT '' NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`source` text DEFAULT 'survey' NOT NULL,
	`status` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`customer_weights` text,
	`resume_hash` text,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`followed_up_at` integer,
	`follow_up_note` text,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `responses_study_idx` ON `responses` (`study_id`,`perspective`,`status`,`submitted_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_unique` ON `responses` (`study_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `responses_link_idx` ON `responses` (`link_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`provider` text NOT NULL,
	`industry` text DEFAULT 'generic' NOT NULL,
	`languages` text NOT NULL,
	`scale` integer DEFAULT 7 NOT NULL,
	`framework` text DEFAULT 'gronroos' NOT NULL,
	`seed` integer DEFAULT 1 NOT NULL,
	`ask_importance` integer DEFAULT false NOT NULL,
	`segments` text DEFAULT '[]' NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`response_limit` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`archived_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `studies_workspace_idx` ON `studies` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `versions` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`number` integer NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text,
	`snapshot` text NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_study_number_unique` ON `versions` (`study_id`,`number`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
