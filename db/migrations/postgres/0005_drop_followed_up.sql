ALTER TABLE "responses" DROP COLUMN "followed_up_at";--> statement-breakpoint
ALTER TABLE "responses" DROP COLUMN "follow_up_note";