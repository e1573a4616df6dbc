import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Reader } from "../client";
import { comments, responses } from "../schema";
import { responseWhere, type ResponseFilter } from "./responses";

/**
 * Up to `limit` comments written on one criterion by the customers a filter
 * selects, from the responses with the largest stored weighted gap first
 * (the representative voices of a focus criterion; bounded, so cheap).
 */
export async function commentsOnCriterion(db: Reader, filter: ResponseFilter, criterionId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ text: comments.text })
    .from(responses)
    .innerJoin(comments, and(eq(comments.responseId, responses.id), eq(comments.criterionId, criterionId)))
    .where(responseWhere(filter))
    // A response without a stored gap (every answer N/A) goes last on both engines.
    .orderBy(desc(sql`coalesce(${responses.gap}, -1000)`), desc(responses.submittedAt), asc(responses.id))
    .limit(limit);
  return rows.map((r) => r.text);
}
