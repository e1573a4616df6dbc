import { getDb, transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import { insertLink } from "@/db/queries/links";
import { latestVersion, updateStudy } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import type { Perspective } from "@/lib/scoring/types";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { studyCreateSchema, type StudyCreateInput } from "@/lib/validation/study";

// A published study with its public link, for tests and the benchmark (not
// used by the running app). Generated questions: six criteria, 4–5 items each.

export type FixtureStudy = {
  workspaceId: string;
  studyId: string;
  versionId: string;
  snapshot: VersionSnapshot;
  token: string;
};

export async function makePublishedStudy(
  options: Partial<StudyCreateInput> & {
    workspaceId?: string;
    opensAt?: number | null;
    closesAt?: number | null;
    responseLimit?: number | null;
  } = {},
): Promise<FixtureStudy> {
  const { workspaceId: givenWorkspace, opensAt = null, closesAt = null, responseLimit = null, ...input } = options;
  const workspaceId = givenWorkspace ?? (await transaction((tx) => createWorkspace(tx, "Survey fixture"))).id;
  const study = await createStudy(
    workspaceId,
    studyCreateSchema.parse({ name: "Front desk", provider: "Harbour Hotel", industry: "hotel", seed: 7, ...input }),
  );
  const published = await publishDraft(workspaceId, study.id, null);
  if (!published.ok) throw new Error(`fixture study did not publish: ${published.reason}`);
  await transaction((tx) => updateStudy(tx, workspaceId, study.id, { opensAt, closesAt, responseLimit }));
  const version = (await latestVersion(getDb(), study.id))!;
  return { workspaceId, studyId: study.id, versionId: version.id, snapshot: version.snapshot, token: published.surveyPath.slice("/s/".length) };
}

/** Adds one single-use invite (optionally carrying a segment) and returns its token. */
export async function makeInvite(studyId: string, segment: string | null = null): Promise<string> {
  const token = newToken();
  await transaction((tx) => insertLink(tx, { studyId, kind: "invite", token, segment }));
  return token;
}

/** Adds an internal perspective link (/i/<token>) and returns its token. */
export async function makeInternalLink(studyId: string, perspective: Perspective): Promise<string> {
  const token = newToken();
  await transaction((tx) => insertLink(tx, { studyId, kind: "internal", token, perspective }));
  return token;
}
