import { sql } from "drizzle-orm";
import { rawAll, type Reader } from "../client";

/** One round trip to the database (health checks); throws when it cannot be reached. */
export async function ping(db: Reader): Promise<void> {
  await rawAll(db, sql`SELECT 1`);
}
