import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "../client";
import { links } from "../schema";
import { useTestDatabase } from "../testing";
import {
  contactsForAudience,
  countContacts,
  countContactsThrough,
  deleteContact,
  emailTaken,
  findContact,
  findContactByEmail,
  findContactByUnsubscribeToken,
  listContacts,
  listContactSegments,
  markUnsubscribed,
  updateContact,
  upsertContacts,
  type ContactUpsert,
} from "./contacts";
import { testStudy, testWorkspace } from "@/lib/studies/test-db";

// On the engine DATABASE_URL names: run once as is (SQLite) and once with a
// PostgreSQL DATABASE_URL.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("contacts");
});
afterAll(() => done());

const upsert = (workspaceId: string, rows: ContactUpsert[], now = Date.now()) => transaction((tx) => upsertContacts(tx, workspaceId, rows, now));

async function allPages(workspaceId: string, filter: { search?: string; segment?: string }, limit: number) {
  const emails: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listContacts(getDb(), workspaceId, { ...filter, after, limit });
    emails.push(...page.contacts.map((c) => c.email));
    if (!page.next) return emails;
    after = page.next;
  }
  throw new Error("never ended");
}

describe("contacts", () => {
  it("upsert inserts, then updates by email only the fields a row carries, keeping id, token and unsubscribe time", async () => {
    const ws = await testWorkspace();
    const first = await upsert(
      ws,
      [
        { email: " Lin@Example.com ", name: "林美", phone: "+886", language: "zh-Hant", segment: "Airport", externalId: "C1" },
        { email: "sam@example.com", name: "Sam" },
      ],
      1000,
    );
    expect(first).toEqual({ created: 2, updated: 0 });
    const page = await listContacts(getDb(), ws, { limit: 10 });
    const lin = page.contacts.find((c) => c.email === "lin@example.com")!;
    expect(lin).toMatchObject({ name: "林美", phone: "+886", language: "zh-Hant", segment: "Airport", externalId: "C1", createdAt: 1000 });
    expect(lin.unsubscribeToken.length).toBeGreaterThanOrEqual(32);
    expect(await transaction((tx) => markUnsubscribed(tx, lin.id, 1500))).toBe(true);

    const second = await upsert(
      ws,
      [
        { email: "LIN@example.com", segment: "Downtown", language: null },
        { email: "new@example.com", name: "New" },
      ],
      2000,
    );
    expect(second).toEqual({ created: 1, updated: 1 });
    const after = (await findContact(getDb(), ws, lin.id))!;
    expect(after).toEqual({ ...lin, segment: "Downtown", language: null, unsubscribedAt: 1500, updatedAt: 2000 });
    // Another workspace with the same email is another contact.
    const other = await testWorkspace();
    expect(await upsert(other, [{ email: "lin@example.com" }])).toEqual({ created: 1, updated: 0 });
    expect(await countContacts(getDb(), ws)).toBe(3);
    expect(await findContact(getDb(), other, lin.id)).toBeUndefined();
  });

  it("upserts more rows than one statement may bind, all in one transaction, and refuses a repeated email", async () => {
    const ws = await testWorkspace();
    const rows = Array.from({ length: 1234 }, (_, i) => ({ email: `c${String(i).padStart(4, "0")}@example.com`, segment: i % 2 ? "Odd" : "Even" }));
    expect(await upsert(ws, rows)).toEqual({ created: 1234, updated: 0 });
    expect(await upsert(ws, [...rows.slice(0, 700), { email: "extra@example.com" }])).toEqual({ created: 1, updated: 700 });
    await expect(upsert(ws, [{ email: "twice@example.com" }, { email: "TWICE@example.com" }])).rejects.toThrow(/twice/);
    expect(await countContacts(getDb(), ws)).toBe(1235);
    const tokens = new Set((await listContacts(getDb(), ws, { limit: 2000 })).contacts.map((c) => c.unsubscribeToken));
    expect(tokens.size).toBe(1235);
  });

  it("pages in email order with a keyset cursor, filtered by segment and a search in any case", async () => {
    const ws = await testWorkspace();
    const rows = Array.from({ length: 125 }, (_, i) => ({
      email: `p${String(i).padStart(3, "0")}@example.com`,
      name: i === 7 ? "Chen Da-Wen" : i === 8 ? "陳大文" : `Guest ${i}`,
      phone: i === 9 ? "+886-2-1234" : "",
      externalId: i === 10 ? "CRM_100%" : "",
      segment: i < 50 ? "Airport" : "Downtown",
    }));
    await upsert(ws, rows);
    const all = await allPages(ws, {}, 50);
    expect(all).toEqual(rows.map((r) => r.email));
    expect(await allPages(ws, { segment: "Airport" }, 20)).toEqual(rows.slice(0, 50).map((r) => r.email));
    expect(await countContacts(getDb(), ws, { segment: "Downtown" })).toBe(75);
    expect(await allPages(ws, { search: "chen" }, 10)).toEqual(["p007@example.com"]);
    expect(await allPages(ws, { search: "大文" }, 10)).toEqual(["p008@example.com"]);
    expect(await allPages(ws, { search: "1234" }, 10)).toEqual(["p009@example.com"]);
    expect(await allPages(ws, { search: "P011@EXAMPLE" }, 10)).toEqual(["p011@example.com"]);
    // LIKE's wildcards are searched as themselves.
    expect(await allPages(ws, { search: "crm_100%" }, 10)).toEqual(["p010@example.com"]);
    expect(await allPages(ws, { search: "_" }, 10)).toEqual(["p010@example.com"]);
    expect(await countContacts(getDb(), ws, { search: "guest 1", segment: "Airport" })).toBe(11);
    expect(await listContactSegments(getDb(), ws)).toEqual(["Airport", "Downtown"]);
    // Where the page after an email starts (the page's "51–100").
    expect(await countContactsThrough(getDb(), ws, { segment: "Airport" }, "p019@example.com")).toBe(20);
    expect(await countContactsThrough(getDb(), ws, {}, "p099@example.com")).toBe(100);
  });

  it("updates one contact, tells a taken email, and deletes it keeping its links with the contact set to null", async () => {
    const ws = await testWorkspace();
    await upsert(ws, [{ email: "a@example.com" }, { email: "b@example.com" }]);
    const a = (await listContacts(getDb(), ws, { limit: 10 })).contacts[0];
    expect(await emailTaken(getDb(), ws, "B@example.com", a.id)).toBe(true);
    expect(await emailTaken(getDb(), ws, "a@example.com", a.id)).toBe(false);
    expect((await findContactByEmail(getDb(), ws, " A@Example.com"))?.id).toBe(a.id);
    const fields = { email: "A2@Example.com", name: "A", phone: "1", language: "en" as const, segment: "S", externalId: "X" };
    expect(await transaction((tx) => updateContact(tx, ws, a.id, fields, 5))).toBe(1);
    expect(await findContact(getDb(), ws, a.id)).toMatchObject({
      ...fields,
      email: "a2@example.com",
      updatedAt: 5,
      unsubscribeToken: a.unsubscribeToken,
    });
    const other = await testWorkspace();
    expect(await transaction((tx) => updateContact(tx, other, a.id, fields, 6))).toBe(0);
    expect(await transaction((tx) => deleteContact(tx, other, a.id))).toBe(0);

    const study = await testStudy(ws);
    const linkId = randomUUID();
    await transaction((tx) => tx.insert(links).values({ id: linkId, studyId: study.id, kind: "invite", token: randomUUID(), contactId: a.id }));
    expect(await transaction((tx) => deleteContact(tx, ws, a.id))).toBe(1);
    expect(await findContact(getDb(), ws, a.id)).toBeUndefined();
    const [link] = await getDb().select().from(links).where(eq(links.id, linkId));
    expect(link.contactId).toBeNull();
  });

  it("finds a contact by its unsubscribe token and keeps the first unsubscribe time", async () => {
    const ws = await testWorkspace();
    await upsert(ws, [{ email: "u@example.com" }]);
    const [u] = (await listContacts(getDb(), ws, { limit: 1 })).contacts;
    expect((await findContactByUnsubscribeToken(getDb(), u.unsubscribeToken))?.id).toBe(u.id);
    expect(await findContactByUnsubscribeToken(getDb(), "nope")).toBeUndefined();
    expect(await transaction((tx) => markUnsubscribed(tx, u.id, 100))).toBe(true);
    expect(await transaction((tx) => markUnsubscribed(tx, u.id, 200))).toBe(false);
    expect((await findContact(getDb(), ws, u.id))?.unsubscribedAt).toBe(100);
  });

  it("selects an audience: everyone, a segment, or a list of emails in any case", async () => {
    const ws = await testWorkspace();
    await upsert(ws, [
      { email: "c@example.com", segment: "Airport", language: "zh-Hant", name: "C" },
      { email: "a@example.com", segment: "Airport" },
      { email: "b@example.com", segment: "Downtown" },
    ]);
    const other = await testWorkspace();
    await upsert(other, [{ email: "a@example.com", segment: "Airport" }]);
    const emails = (list: { email: string }[]) => list.map((c) => c.email);
    expect(emails(await contactsForAudience(getDb(), ws, { all: true }))).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    expect(emails(await contactsForAudience(getDb(), ws, { segment: "Airport" }))).toEqual(["a@example.com", "c@example.com"]);
    const picked = await contactsForAudience(getDb(), ws, { emails: ["C@example.com", "nobody@example.com", "b@example.com", "c@example.com"] });
    expect(picked).toEqual([
      {
        id: expect.any(String),
        email: "b@example.com",
        name: "",
        language: null,
        segment: "Downtown",
        unsubscribeToken: expect.any(String),
        unsubscribedAt: null,
      },
      {
        id: expect.any(String),
        email: "c@example.com",
        name: "C",
        language: "zh-Hant",
        segment: "Airport",
        unsubscribeToken: expect.any(String),
        unsubscribedAt: null,
      },
    ]);
    expect(await contactsForAudience(getDb(), ws, { emails: [] })).toEqual([]);
  });
});
