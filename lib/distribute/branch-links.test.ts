import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import { findLinkByToken, findPublicLink, listBranchLinks } from "@/db/queries/links";
import { findResponse } from "@/db/queries/responses";
import { findStudy, updateStudy } from "@/db/queries/studies";
import { links } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { publishDraft } from "@/lib/studies/publish";
import { createStudy } from "@/lib/studies/create-study";
import { handleStep } from "@/lib/survey/flow";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { resolveLink } from "@/lib/survey/resolve-link";
import { parseStepForm } from "@/lib/survey/step-form";
import { surveySteps } from "@/lib/survey/steps";
import { studyCreateSchema } from "@/lib/validation/study";
import { addBranchLink, branchLinkFormSchema, listedSegment, retireBranchLink } from "./branch-links";

// Branch links against a real (temporary) database, on the engine
// DATABASE_URL names: one live link per segment however the adds race, the
// main public link untouched, retirement final, a response through a
// branch link carrying its segment.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("branch-links");
}, 60_000);
afterAll(() => done());

const branchStudy = () => makePublishedStudy({ segments: ["Airport", "Harbour"] });
const liveSegments = async (studyId: string) => (await listBranchLinks(getDb(), studyId)).map((l) => l.segment);
const segmentsOf = async (f: FixtureStudy) => (await findStudy(getDb(), f.workspaceId, f.studyId))!.segments;

/** Answers every step of the survey at `token` (every item 6 / 4); returns the response id. */
async function answerSurvey(fixture: FixtureStudy, token: string): Promise<string> {
  const rid = randomUUID();
  const steps = surveySteps(fixture.snapshot);
  for (const [index, step] of steps.entries()) {
    const fields: Record<string, string> = { rid, v: fixture.versionId, step: String(index) };
    if (step.kind === "criterion") for (const item of step.criterion.items) Object.assign(fields, { [`e.${item.id}`]: "6", [`p.${item.id}`]: "4" });
    const parsed = parseStepForm(Object.entries(fields));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const now = Date.now();
    const outcome = await handleStep({
      state: await resolveLink(getDb(), token, now),
      form: parsed.value,
      resume: null,
      now,
      newDraftsPerMinute: 1000,
    });
    expect(["saved", "thanks"], JSON.stringify(outcome)).toContain(outcome.kind);
  }
  return rid;
}

describe("adding branch links", () => {
  it("adds one for a listed segment beside the main public link, which stays findPublicLink's", async () => {
    const f = await branchStudy();
    const added = await addBranchLink(f.workspaceId, f.studyId, "Airport");
    if (!added.ok) throw new Error(JSON.stringify(added));
    expect(added).toMatchObject({ segment: "Airport", addedToStudy: false });
    expect(added.token).not.toBe(f.token);
    expect((await findPublicLink(getDb(), f.studyId))?.token).toBe(f.token);
    const [branch] = await listBranchLinks(getDb(), f.studyId);
    expect(branch).toMatchObject({ id: added.linkId, kind: "public", segment: "Airport", revokedAt: null, submitted: 0 });
    // Publishing again keeps the main link and does not take the branch link for it.
    const republished = await publishDraft(f.workspaceId, f.studyId, null);
    expect(republished.ok && republished.surveyPath).toBe(`/s/${f.token}`);
    expect(await liveSegments(f.studyId)).toEqual(["Airport"]);
  });

  it("adds a typed new segment to the study's list, and reads a listed one in another letter case as that one", async () => {
    const f = await branchStudy();
    const airport = await addBranchLink(f.workspaceId, f.studyId, "airport");
    expect(airport).toMatchObject({ ok: true, segment: "Airport", addedToStudy: false });
    const station = await addBranchLink(f.workspaceId, f.studyId, "火車站");
    expect(station).toMatchObject({ ok: true, segment: "火車站", addedToStudy: true });
    expect(await segmentsOf(f)).toEqual(["Airport", "Harbour", "火車站"]);
    expect(await liveSegments(f.studyId)).toEqual(["Airport", "火車站"].sort((a, b) => a.localeCompare(b)));
  });

  it("refuses a second live link for a segment, in any letter case, and changes nothing", async () => {
    const f = await branchStudy();
    expect((await addBranchLink(f.workspaceId, f.studyId, "Harbour")).ok).toBe(true);
    expect(await addBranchLink(f.workspaceId, f.studyId, "Harbour")).toEqual({ ok: false, code: "branchTaken", segment: "Harbour" });
    expect(await addBranchLink(f.workspaceId, f.studyId, "HARBOUR")).toEqual({ ok: false, code: "branchTaken", segment: "Harbour" });
    expect(await liveSegments(f.studyId)).toEqual(["Harbour"]);
    expect(await segmentsOf(f)).toEqual(["Airport", "Harbour"]);
  });

  it("makes one link when two adds of the same segment race", async () => {
    const f = await branchStudy();
    // Open connections first (PostgreSQL): connecting takes longer than an add, and would run the adds one after another.
    await Promise.all(Array.from({ length: 6 }, () => transaction((tx) => findStudy(tx, f.workspaceId, f.studyId))));
    const results = await Promise.all([
      addBranchLink(f.workspaceId, f.studyId, "Lobby"),
      addBranchLink(f.workspaceId, f.studyId, "Lobby"),
      addBranchLink(f.workspaceId, f.studyId, "Airport"),
      addBranchLink(f.workspaceId, f.studyId, "Airport"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(["branchTaken", "branchTaken"]);
    expect(await liveSegments(f.studyId)).toEqual(["Airport", "Lobby"]);
    // The new segment joined the list once.
    expect(await segmentsOf(f)).toEqual(["Airport", "Harbour", "Lobby"]);
  });

  it("refuses before publishing, for another workspace's study, and a new segment past the list's limit", async () => {
    const workspaceId = (await transaction((tx) => createWorkspace(tx, "Branch drafts"))).id;
    const draft = await createStudy(workspaceId, studyCreateSchema.parse({ name: "Draft", provider: "Harbour", segments: ["Airport"] }));
    expect(await addBranchLink(workspaceId, draft.id, "Airport")).toEqual({ ok: false, code: "publishFirst" });

    const f = await branchStudy();
    expect(await addBranchLink(workspaceId, f.studyId, "Airport")).toEqual({ ok: false, code: "notFound" });

    const full = Array.from({ length: 100 }, (_, i) => `Branch ${i + 1}`);
    await transaction((tx) => updateStudy(tx, f.workspaceId, f.studyId, { segments: full }));
    expect(await addBranchLink(f.workspaceId, f.studyId, "Branch 101")).toEqual({ ok: false, code: "tooManySegments" });
    // A listed one still gets its link.
    expect((await addBranchLink(f.workspaceId, f.studyId, "Branch 7")).ok).toBe(true);
    expect(await liveSegments(f.studyId)).toEqual(["Branch 7"]);
    expect(await segmentsOf(f)).toEqual(full);
  });
});

describe("retiring branch links", () => {
  it("retires a branch link for good; the segment may then get a new one", async () => {
    const f = await branchStudy();
    const first = await addBranchLink(f.workspaceId, f.studyId, "Airport");
    if (!first.ok) throw new Error(JSON.stringify(first));
    const other = (await transaction((tx) => createWorkspace(tx, "Not theirs"))).id;
    expect(await retireBranchLink(other, f.studyId, first.linkId)).toBe(false);

    expect(await retireBranchLink(f.workspaceId, f.studyId, first.linkId)).toBe(true);
    expect(await retireBranchLink(f.workspaceId, f.studyId, first.linkId)).toBe(false);
    expect((await resolveLink(getDb(), first.token, Date.now())).kind).toBe("revoked");
    expect(await liveSegments(f.studyId)).toEqual([]);

    const second = await addBranchLink(f.workspaceId, f.studyId, "Airport");
    expect(second.ok && second.token).not.toBe(first.token);
    expect(await liveSegments(f.studyId)).toEqual(["Airport"]);
  });

  it("does not retire the main public link, an invitation or an internal link", async () => {
    const f = await branchStudy();
    const main = (await findPublicLink(getDb(), f.studyId))!;
    expect(await retireBranchLink(f.workspaceId, f.studyId, main.id)).toBe(false);
    const inviteId = randomUUID();
    await transaction((tx) => tx.insert(links).values({ id: inviteId, studyId: f.studyId, kind: "invite", token: randomUUID(), segment: "Airport" }));
    expect(await retireBranchLink(f.workspaceId, f.studyId, inviteId)).toBe(false);
    expect((await findLinkByToken(getDb(), f.token))?.revokedAt).toBeNull();
    expect((await resolveLink(getDb(), f.token, Date.now())).kind).toBe("open");
  });
});

describe("answers through a branch link", () => {
  it("carry the link's segment and are counted on the link", async () => {
    const f = await branchStudy();
    const added = await addBranchLink(f.workspaceId, f.studyId, "Harbour");
    if (!added.ok) throw new Error(JSON.stringify(added));
    const rid = await answerSurvey(f, added.token);
    const response = await findResponse(getDb(), rid);
    expect(response).toMatchObject({ status: "submitted", segment: "Harbour", linkId: added.linkId });
    expect((await listBranchLinks(getDb(), f.studyId))[0].submitted).toBe(1);
  });
});

describe("the manager's form", () => {
  const parse = (fields: Record<string, string>) => branchLinkFormSchema.safeParse({ studyId: "s1", ...fields });

  it("takes the typed segment over the chosen one, tidied", () => {
    expect(parse({ segment: "Airport", newSegment: "  North   wing " })).toMatchObject({ success: true, data: { segment: "North wing" } });
    expect(parse({ segment: "Airport", newSegment: "   " })).toMatchObject({ success: true, data: { segment: "Airport" } });
  });

  it("says which field is wrong", () => {
    const codes = (fields: Record<string, string>) => {
      const r = parse(fields);
      return r.success ? null : r.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(codes({ segment: "", newSegment: "" })).toEqual([["segment", "chooseBranch"]]);
    expect(codes({})).toEqual([["segment", "chooseBranch"]]);
    expect(codes({ newSegment: "x".repeat(101) })).toEqual([["newSegment", "segmentTooLong"]]);
    expect(codes({ newSegment: "a\u0000b" })).toEqual([["newSegment", "invalid"]]);
  });

  it("finds a listed segment in another letter case", () => {
    expect(listedSegment(["Airport", "Harbour"], "AIRPORT")).toBe("Airport");
    expect(listedSegment(["Airport", "airport"], "airport")).toBe("airport");
    expect(listedSegment(["Airport"], "Lobby")).toBeNull();
  });
});
