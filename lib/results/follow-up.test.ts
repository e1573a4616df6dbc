import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { currentEngine, getDb, rawAll, transaction } from "@/db/client";
import { addMembership, createUser } from "@/db/queries/accounts";
import { upsertContacts, findContactByEmail } from "@/db/queries/contacts";
import { caseListQuery, countCasesByState, findCaseForUpdate, insertCase, insertCaseNote, moveCase, updateCase } from "@/db/queries/cases";
import { deleteResponseContact, insertResponseContact } from "@/db/queries/response-contacts";
import { cases, links } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import {
  caseChangeSchema,
  defaultCaseQuery,
  dueAtOf,
  dueDateOf,
  loadCaseList,
  loadShortfalls,
  mayMove,
  removeContactSchema,
  type CaseQuery,
} from "./follow-up";
import { publishedStudy, type PublishedStudy } from "./test-db";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("follow-up");
});
afterAll(() => done());

/** A response of version 2 rating every item E = 5 and P = `perceived` (criterion number `worst` one lower; -1: none). */
function response(
  fixture: PublishedStudy,
  perceived: number,
  worst: number,
  day: number,
  extra: Partial<CustomerSubmission> = {},
): CustomerSubmission {
  const version = fixture.versions[1];
  return {
    answers: version.snapshot.criteria.flatMap((c, ci) =>
      c.items.map((i) => {
        const p = ci === worst ? perceived - 1 : perceived;
        // Reverse-scored items are stored as ticked: L + 1 − x on the 5-point scale.
        return i.reverse ? { itemId: i.id, expected: 1, perceived: 6 - p } : { itemId: i.id, expected: 5, perceived: p };
      }),
    ),
    comments: [],
    weights: null,
    studyId: fixture.study.id,
    versionId: version.id,
    snapshot: version.snapshot,
    segment: "",
    language: "en",
    source: "api",
    submittedAt: Date.UTC(2026, 9, day, 12),
    ...extra,
  };
}

const query = (patch: Partial<CaseQuery> = {}): CaseQuery => ({ ...defaultCaseQuery, ...patch });

async function member(workspaceId: string, name: string) {
  return transaction(async (tx) => {
    const user = await createUser(tx, { email: `${name}-${randomUUID()}@example.test`, passwordHash: "x", name });
    await addMembership(tx, workspaceId, user.id, "manager");
    return user.id;
  });
}

describe("the shortfalls without a case", () => {
  it("ranks by the respondent's stored weighted gap, leaves out the rest and the responses with a case", async () => {
    const fixture = await publishedStudy("follow-up");
    // The last one meets every expectation (gap 0): not a shortfall.
    const submissions = [
      response(fixture, 4, 2, 1),
      response(fixture, 2, 0, 2),
      response(fixture, 5, 1, 3),
      response(fixture, 3, 1, 4),
      response(fixture, 5, -1, 5),
    ];
    const stored = await storeCustomerResponses(submissions);
    const version = versionDefinition(fixture.versions[1].snapshot);
    const expected = submissions.map((s, i) => ({
      id: stored[i].responseId,
      gap: respondentWeightedGap(version, scoreCustomerResponse(version, s.answers))!,
    }));
    const shortfalls = expected.filter((e) => e.gap > 0).sort((a, b) => b.gap - a.gap);
    expect(shortfalls).toHaveLength(4);

    const { entries } = await loadShortfalls(getDb(), fixture.study, query(), true);
    expect(entries.map((e) => e.responseId)).toEqual(shortfalls.map((e) => e.id));
    entries.forEach((e, i) => expect(e.gap).toBeCloseTo(shortfalls[i].gap, 12));
    // Criterion "two" is 1 lower for the third response: its worst criterion.
    expect(entries.find((e) => e.responseId === stored[2].responseId)?.worst[0]).toEqual({ criterion: "two", gap: 1 });
    expect(entries.every((e) => e.who.kind === "anonymous")).toBe(true);

    // A case takes its response off this list; a second case on it is refused by the unique index.
    const now = Date.now();
    const opened = await transaction((tx) => insertCase(tx, { studyId: fixture.study.id, responseId: shortfalls[0].id, origin: "manual", now }));
    expect(opened).not.toBeNull();
    expect(await transaction((tx) => insertCase(tx, { studyId: fixture.study.id, responseId: shortfalls[0].id, origin: "alert", now }))).toBeNull();
    const after = await loadShortfalls(getDb(), fixture.study, query(), true);
    expect(after.entries.map((e) => e.responseId)).toEqual(shortfalls.slice(1).map((e) => e.id));

    // Another study's response cannot get a case through this one.
    const other = await publishedStudy("other");
    const [foreign] = await storeCustomerResponses([response(other, 2, 0, 1)]);
    expect(
      await transaction((tx) => insertCase(tx, { studyId: fixture.study.id, responseId: foreign.responseId, origin: "manual", now })),
    ).toBeNull();
  });
});

describe("the case list", () => {
  it("filters by state, assignee, segment and overdue, counts per state, and keeps a thread of notes", async () => {
    const fixture = await publishedStudy("cases");
    const studyId = fixture.study.id;
    const [alice, bob] = [await member(fixture.workspaceId, "Alice"), await member(fixture.workspaceId, "Bob")];
    const stored = await storeCustomerResponses([
      response(fixture, 2, 0, 1, { segment: "Branch A" }),
      response(fixture, 3, 1, 2, { segment: "Branch B" }),
      response(fixture, 3, 2, 3, { segment: "Branch A" }),
      response(fixture, 4, 0, 4, { segment: "Branch B" }),
    ]);
    const t0 = Date.UTC(2026, 10, 1);
    const ids = await transaction(async (tx) => {
      const out: string[] = [];
      for (const [i, s] of stored.entries()) {
        out.push((await insertCase(tx, { studyId, responseId: s.responseId, origin: i === 0 ? "alert" : "manual", now: t0 + i * 1000 }))!);
      }
      return out;
    });
    const now = t0 + 10 * 86_400_000;
    await transaction(async (tx) => {
      await updateCase(tx, ids[0], { assigneeId: alice, dueAt: now - 1, updatedAt: now });
      await updateCase(tx, ids[1], { assigneeId: bob, dueAt: now + 86_400_000, updatedAt: now });
      expect(await moveCase(tx, studyId, ids[2], "open", "contacted", now)).toBe(1);
      expect(await moveCase(tx, studyId, ids[3], "open", "resolved", now)).toBe(1);
      await insertCaseNote(tx, { caseId: ids[0], authorId: alice, text: "Called, no answer", now: now - 2000 });
      await insertCaseNote(tx, { caseId: ids[0], authorId: bob, text: "Called back, offered a free night", now: now - 1000 });
    });
    const list = (q: Partial<CaseQuery>, userId = alice) => loadCaseList(getDb(), fixture.study, query(q), { userId, seesContacts: true }, now);

    const active = await list({});
    // Open and contacted, newest first; the resolved one is left out.
    expect(active.entries.map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(active.counts).toEqual({ open: 2, contacted: 1, resolved: 1 });
    const first = active.entries.find((e) => e.id === ids[0])!;
    expect(first).toMatchObject({ origin: "alert", state: "open", assigneeId: alice, overdue: true, segment: "Branch A" });
    expect(first.notes.map((n) => [n.text, n.author])).toEqual([
      ["Called, no answer", "Alice"],
      ["Called back, offered a free night", "Bob"],
    ]);
    expect(first.worst[0].criterion).toBe("one");
    expect(active.entries.find((e) => e.id === ids[1])!.overdue).toBe(false);

    expect((await list({ state: "resolved" })).entries.map((e) => e.id)).toEqual([ids[3]]);
    expect((await list({ state: "all" })).entries).toHaveLength(4);
    expect((await list({ assignee: "me" })).entries.map((e) => e.id)).toEqual([ids[0]]);
    expect((await list({ assignee: "me" }, bob)).entries.map((e) => e.id)).toEqual([ids[1]]);
    expect((await list({ assignee: "unassigned" })).entries.map((e) => e.id)).toEqual([ids[2]]);
    const branchA = await list({ segment: "Branch A" });
    expect(branchA.entries.map((e) => e.id)).toEqual([ids[2], ids[0]]);
    expect(branchA.counts).toEqual({ open: 1, contacted: 1, resolved: 0 });
    expect((await list({ overdue: "1" })).entries.map((e) => e.id)).toEqual([ids[0]]);
  });

  it("moves a case only from the state the user saw: of two racing moves one wins, the other changes nothing", async () => {
    const fixture = await publishedStudy("race");
    const [s] = await storeCustomerResponses([response(fixture, 2, 0, 1)]);
    const id = (await transaction((tx) => insertCase(tx, { studyId: fixture.study.id, responseId: s.responseId, origin: "manual", now: 1 })))!;
    const results = await Promise.all([
      transaction((tx) => moveCase(tx, fixture.study.id, id, "open", "contacted", 2)),
      transaction((tx) => moveCase(tx, fixture.study.id, id, "open", "resolved", 3)),
    ]);
    expect(results.sort()).toEqual([0, 1]);
    const row = await transaction((tx) => findCaseForUpdate(tx, fixture.study.id, id));
    expect(["contacted", "resolved"]).toContain(row!.state);
    // Reopening clears the contacted and resolved times; another study's id changes nothing.
    expect(await transaction((tx) => moveCase(tx, "another-study", id, row!.state, "open", 4))).toBe(0);
    expect(await transaction((tx) => moveCase(tx, fixture.study.id, id, row!.state, "open", 4))).toBe(1);
    const [reopened] = await getDb().select().from(cases).where(eq(cases.id, id));
    expect(reopened).toMatchObject({ state: "open", contactedAt: null, resolvedAt: null, updatedAt: 4 });
  });

  it("names the customer from the invite's contact, else the consent step; analysts only learn that details exist", async () => {
    const fixture = await publishedStudy("who");
    const studyId = fixture.study.id;
    const email = `guest-${randomUUID()}@example.test`;
    await transaction((tx) => upsertContacts(tx, fixture.workspaceId, [{ email, name: "Lin Mei", phone: "0912 345 678" }], Date.now()));
    const contact = (await findContactByEmail(getDb(), fixture.workspaceId, email))!;
    const linkId = randomUUID();
    await transaction(async (tx) => {
      await tx.insert(links).values({ id: linkId, studyId, kind: "invite", token: randomUUID(), contactId: contact.id });
    });
    const [invited, consented, anonymous] = await storeCustomerResponses([
      response(fixture, 2, 0, 1, { linkId }),
      response(fixture, 2, 1, 2),
      response(fixture, 2, 2, 3),
    ]);
    await transaction(async (tx) => {
      await insertResponseContact(tx, { responseId: consented.responseId, studyId, name: "Chen Wei", email: "chen@example.test", phone: "" });
      for (const s of [invited, consented, anonymous]) await insertCase(tx, { studyId, responseId: s.responseId, origin: "manual", now: Date.now() });
    });
    const byResponse = async (seesContacts: boolean) =>
      new Map(
        (await loadCaseList(getDb(), fixture.study, query(), { userId: "x", seesContacts }, Date.now())).entries.map((e) => [e.responseId, e.who]),
      );

    const manager = await byResponse(true);
    expect(manager.get(invited.responseId)).toEqual({
      kind: "contact",
      source: "invite",
      contactId: contact.id,
      name: "Lin Mei",
      email,
      phone: "0912 345 678",
    });
    expect(manager.get(consented.responseId)).toMatchObject({ kind: "contact", source: "consent", name: "Chen Wei", email: "chen@example.test" });
    expect(manager.get(anonymous.responseId)).toEqual({ kind: "anonymous" });
    const analyst = await byResponse(false);
    expect(analyst.get(invited.responseId)).toEqual({ kind: "onFile", source: "invite" });
    expect(analyst.get(consented.responseId)).toEqual({ kind: "onFile", source: "consent" });
    expect(JSON.stringify([...analyst.values()])).not.toContain("Chen");

    // Removing the consent details on request leaves the response and its case, anonymous.
    expect(await transaction((tx) => deleteResponseContact(tx, consented.responseId))).toBe(true);
    const after = await byResponse(true);
    expect(after.get(consented.responseId)).toEqual({ kind: "anonymous" });
    expect((await countCasesByState(getDb(), { studyId })).open).toBe(3);
  });

  it("reads the list through the cases index, not a scan of the study's responses (SQLite's plan)", async () => {
    if (currentEngine() !== "sqlite") return;
    const built = caseListQuery(getDb(), { studyId: "s" }, "open", 50).toSQL();
    const plan = await rawAll<{ detail: string }>(getDb(), sql.raw(`EXPLAIN QUERY PLAN ${inline(built.sql, built.params)}`));
    const details = plan.map((p) => p.detail).join("\n");
    expect(details).toMatch(/SEARCH cases USING INDEX cases_study_state_idx \(study_id=\? AND state=\?\)/);
    expect(details).toMatch(/SEARCH responses USING INDEX sqlite_autoindex_responses_1 \(id=\?\)/);
    expect(details).not.toMatch(/SCAN responses/);
    // In the index's order: no sort of the whole state before the limit (ties on opened_at aside).
    expect(details).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

/** A statement with its parameters written in (for EXPLAIN only). */
function inline(text: string, params: unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const p = params[i++];
    return typeof p === "number" ? String(p) : `'${String(p).replace(/'/g, "''")}'`;
  });
}

describe("the case changes' input", () => {
  it("accepts each kind of change and refuses bad ones with a code", () => {
    expect(caseChangeSchema.safeParse({ intent: "move", caseId: "c", from: "open", to: "contacted" }).success).toBe(true);
    expect(caseChangeSchema.safeParse({ intent: "move", caseId: "c", from: "resolved", to: "contacted" }).error?.issues[0].message).toBe("badMove");
    expect(caseChangeSchema.safeParse({ intent: "move", caseId: "c", from: "open", to: "closed" }).success).toBe(false);
    expect(caseChangeSchema.safeParse({ intent: "note", caseId: "c", text: "   " }).error?.issues[0].message).toBe("noteEmpty");
    expect(caseChangeSchema.safeParse({ intent: "note", caseId: "c", text: "x".repeat(2001) }).error?.issues[0].message).toBe("noteTooLong");
    expect(caseChangeSchema.safeParse({ intent: "due", caseId: "c", due: "2026-02-31" }).error?.issues[0].message).toBe("invalidDate");
    expect(caseChangeSchema.safeParse({ intent: "due", caseId: "c", due: "" }).success).toBe(true);
    expect(caseChangeSchema.safeParse({ intent: "assign", caseId: "c", assignee: "" }).success).toBe(true);
    expect(caseChangeSchema.safeParse({ intent: "assign", caseId: "c", assignee: "u", extra: 1 }).success).toBe(false);
    expect(caseChangeSchema.safeParse({ intent: "delete", caseId: "c" }).success).toBe(false);
    expect(removeContactSchema.safeParse({ caseId: "c" }).error?.issues[0].message).toBe("notConfirmed");
    expect(mayMove("open", "resolved") && mayMove("resolved", "open") && !mayMove("resolved", "contacted")).toBe(true);
  });

  it("reads a due date in the workspace's time zone: overdue once that day has ended there", () => {
    // 2026-12-05 ends in Taipei at 2026-12-05T16:00Z.
    expect(dueAtOf("2026-12-05", "Asia/Taipei")).toBe(Date.UTC(2026, 11, 5, 16));
    expect(dueAtOf("2026-12-31", "UTC")).toBe(Date.UTC(2027, 0, 1));
    expect(dueDateOf(dueAtOf("2026-12-05", "Asia/Taipei"), "Asia/Taipei")).toBe("2026-12-05");
    expect(dueDateOf(dueAtOf("2026-03-08", "America/New_York"), "America/New_York")).toBe("2026-03-08");
    expect(dueAtOf("", "UTC")).toBeNull();
  });
});
