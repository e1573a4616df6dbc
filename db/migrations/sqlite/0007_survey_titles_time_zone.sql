ALTER TABLE `criteria` ADD `customer_title` text;--> statement-breakpoint
ALTER TABLE `criteria` ADD `customer_description` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;