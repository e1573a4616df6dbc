ALTER TABLE "criteria" ADD COLUMN "customer_title" jsonb;--> statement-breakpoint
ALTER TABLE "criteria" ADD COLUMN "customer_description" jsonb;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;