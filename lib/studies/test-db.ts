import { transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import type { StudyCreateInput } from "@/lib/validation/study";
import { studyCreateSchema } from "@/lib/validation/study";
import { createStudy } from "./create-study";

// For unit tests of the draft services, on the database db/testing.ts's
// useTestDatabase made the process's own: a workspace per test, so tests in
// one file stay apart. Not imported by the app.

export async function testWorkspace(): Promise<string> {
  return (await transaction((tx) => createWorkspace(tx, "Test"))).id;
}

export async function testStudy(workspaceId: string, input: Partial<StudyCreateInput> = {}) {
  const parsed = studyCreateSchema.parse({
    name: "Front desk",
    provider: "Harbour Hotel",
    industry: "hotel",
    languages: ["en", "zh-Hant"],
    seed: 42,
    ...input,
  });
  return createStudy(workspaceId, parsed);
}
