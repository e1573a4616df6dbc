PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_aggregates` (
	`study_id` text NOT NULL,
	`version_id` text NOT NULL,
	`segment` text NOT NULL,
	`day` integer NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`study_id`, `key`, `version_id`, `segment`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_aggregates`("study_id", "version_id", "segment", "day", "key", "n", "sum", "sum_sq") SELECT "study_id", "version_id", "segment", "day", "key", "n", "sum", "sum_sq" FROM `aggregates`;--> statement-breakpoint
DROP TABLE `aggregates`;--> statement-breakpoint
ALTER TABLE `__new_aggregates` RENAME TO `aggregates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;