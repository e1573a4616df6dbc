import { and, eq, inArray } from "drizzle-orm";
import type { Reader } from "../client";
import { responses } from "../schema";

// Which of a file's response ids a study already holds: as its own response
// id (an export of this study imported back) or as the client id an earlier
// import or API call stored. Looked up in chunks (bound parameters are capped).

const chunk = 5_000;

export async function presentResponseRefs(db: Reader, studyId: string, refs: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let start = 0; start < refs.length; start += chunk) {
    const part = refs.slice(start, start + chunk);
    const [byId, byClientId] = await Promise.all([
      db
        .select({ ref: responses.id })
        .from(responses)
        .where(
          and(eq(responses.studyId, studyId), eq(responses.perspective, "customer"), eq(responses.status, "submitted"), inArray(responses.id, part)),
        ),
      db
        .select({ ref: responses.clientId })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.perspective, "customer"), inArray(responses.clientId, part))),
    ]);
    for (const row of [...byId, ...byClientId]) if (row.ref !== null) present.add(row.ref);
  }
  return present;
}
