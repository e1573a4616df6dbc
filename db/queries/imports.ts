import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";

// Which of a file's response ids a study already holds: as its own response
// id (an export of this study imported back) or as the client id an earlier
// import or API call stored. Looked up in one statement per 10,000 ids.

const chunk = 10_000;

export function presentResponseRefs(studyId: string, refs: string[], db: Executor = getDb()): Set<string> {
  const present = new Set<string>();
  for (let start = 0; start < refs.length; start += chunk) {
    const json = JSON.stringify(refs.slice(start, start + chunk));
    const rows = db.all<{ ref: string }>(sql`
      SELECT id AS ref FROM responses
       WHERE study_id = ${studyId} AND perspective = 'customer' AND status = 'submitted'
         AND id IN (SELECT value FROM json_each(${json}))
      UNION
      SELECT client_id AS ref FROM responses
       WHERE study_id = ${studyId} AND client_id IN (SELECT value FROM json_each(${json}))`);
    for (const row of rows) present.add(row.ref);
  }
  return present;
}
