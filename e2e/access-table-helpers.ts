import type { APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { insertCampaign, insertContactInvites, insertRecipients, recordRecipient } from "@/db/queries/campaigns";
import { insertJob } from "@/db/queries/jobs";
import { insertInvites, insertLink } from "@/db/queries/links";
import { insertSession } from "@/db/queries/sessions";
import { insertWebhook } from "@/db/queries/webhooks";
import { contacts, emails, jobs, links } from "@/db/schema";
import { createApiKey } from "@/lib/accounts/accounts";
import { hashToken, newToken, sessionExpiry } from "@/lib/auth/tokens";
import { createStudy } from "@/lib/studies/create-study";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { studyCreateSchema } from "@/lib/validation/study";
import { fingerprint, type Fingerprint } from "./db-fingerprint";
import { makeWorkspace, type Account } from "./fixtures";

// The world of e2e/access-table.spec.ts: two workspaces, every role, studies
// in every state the actions need, and a way to send a request as anyone.

export const sessionPrincipals = ["signedOut", "analyst", "otherWorkspace", "manager", "owner"] as const;
export type SessionPrincipal = (typeof sessionPrincipals)[number];
export const keyPrincipals = ["noKey", "sessionCookie", "analystKey", "otherWorkspaceKey", "managerKey"] as const;
export type KeyPrincipal = (typeof keyPrincipals)[number];

export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function makeWorld() {
  const tag = newToken(6).replace(/[^A-Za-z0-9]/g, "x");
  const A = await makeWorkspace("Access A");
  const B = await makeWorkspace("Access B");
  const accounts: Record<Exclude<SessionPrincipal, "signedOut">, Account> = {
    owner: A.owner,
    manager: await A.member("manager"),
    analyst: await A.member("analyst"),
    otherWorkspace: B.owner,
  };
  // What only A may see: its study's name appears on every study page of A, and nowhere of B's.
  const secret = `Secret harbour ${tag}`;
  const study = await makePublishedStudy({ workspaceId: A.id, name: secret, segments: ["North", "South"] });
  const apiStudy = await makePublishedStudy({ workspaceId: A.id, name: `API target ${tag}` });
  const publishable = await makePublishedStudy({ workspaceId: A.id, name: `Distribute target ${tag}` });
  const draft = await createStudy(A.id, studyCreateSchema.parse({ name: `Design target ${tag}`, provider: "Harbour", industry: "hotel", seed: 3 }));
  const settingsStudy = await createStudy(A.id, studyCreateSchema.parse({ name: `Settings target ${tag}`, provider: "Harbour" }));
  const internalToken = newToken();
  const batch = Date.now() - 60_000;
  const endedJob = randomUUID();
  await transaction(async (tx) => {
    await insertLink(tx, { studyId: study.studyId, kind: "internal", token: internalToken, perspective: "management" });
    await insertInvites(tx, publishable.studyId, [newToken(), newToken()], null, batch);
    // An import check that ended: for the job routes (one that no worker will touch).
    await insertJob(tx, {
      id: endedJob,
      kind: "import",
      workspaceId: A.id,
      studyId: apiStudy.studyId,
      state: "queued",
      payload: { sign: "e-p", dryRun: true, fileName: "ended.csv", bytes: 0, file: endedJob },
      createdBy: "cli",
      createdAt: Date.now(),
    });
    await tx.update(jobs).set({ state: "succeeded", finishedAt: Date.now() }).where(eq(jobs.id, endedJob));
  });
  // A branch link of the study: its printable table card is a page of its own.
  const branchLinkId = await transaction((tx) => insertLink(tx, { studyId: study.studyId, kind: "public", token: newToken(), segment: "North" }));
  // An email campaign of the study whose one recipient has answered: its page shows, and a reminder now has
  // nobody to go to (nothing is queued for the mailer while the table runs).
  const campaignId = randomUUID();
  await transaction(async (tx) => {
    const now = Date.now();
    const contactId = randomUUID();
    const linkId = randomUUID();
    await tx
      .insert(contacts)
      .values({ id: contactId, workspaceId: A.id, email: `answered-${tag}@example.test`, unsubscribeToken: newToken(), updatedAt: now });
    await insertContactInvites(tx, [{ id: linkId, studyId: study.studyId, token: newToken(), segment: null, contactId, createdAt: now }]);
    await tx.update(links).set({ usedAt: now }).where(eq(links.id, linkId));
    await insertCampaign(tx, {
      id: campaignId,
      workspaceId: A.id,
      studyId: study.studyId,
      audience: { all: true },
      sendAt: now,
      createdBy: "cli",
      createdAt: now,
    });
    await insertRecipients(tx, [{ campaignId, linkId, contactId }]);
    await recordRecipient(tx, campaignId, linkId, { state: "sent", sentAt: now });
  });
  // A contact of A to open, edit and (last) delete.
  const contactId = randomUUID();
  await transaction((tx) =>
    tx.insert(contacts).values({
      id: contactId,
      workspaceId: A.id,
      email: `editable-${tag.toLowerCase()}@example.test`,
      unsubscribeToken: newToken(),
      updatedAt: Date.now(),
    }),
  );
  const keys = {
    managerKey: await A.apiKey("manager"),
    analystKey: await A.apiKey("analyst"),
    otherWorkspaceKey: await B.apiKey("manager"),
    toRevoke: (await createApiKey(A.id, "analyst", "to revoke")).id,
  };
  const victims = { roleChange: await A.member("analyst"), removal: await A.member("analyst") };
  // Webhooks of A to a port nobody listens on, for the alert event only (no alert rule here: nothing is ever queued to them).
  const webhooks = { kept: randomUUID(), toDeleteByAction: randomUUID(), toDeleteByApi: randomUUID() };
  await transaction(async (tx) => {
    for (const id of Object.values(webhooks))
      await insertWebhook(tx, {
        id,
        workspaceId: A.id,
        url: `http://127.0.0.1:9/${id}`,
        events: ["response.alert"],
        secret: newToken(),
        createdBy: null,
      });
  });
  // Filled in by the spec's set-up (through the API): submitted responses of `study`.
  const responseIds: string[] = [];
  return {
    tag,
    A,
    B,
    accounts,
    secret,
    study,
    apiStudy,
    publishable,
    draftId: draft.id,
    settingsStudyId: settingsStudy.id,
    internalToken,
    branchLinkId,
    campaignId,
    contactId,
    endedJob,
    batch,
    keys,
    victims,
    webhooks,
    responseIds,
  };
}

/** Stores two submitted responses of `fixture` through the API; returns their ids. */
export async function submitResponses(request: APIRequestContext, fixture: FixtureStudy, key: string): Promise<string[]> {
  const answers = fixture.snapshot.criteria.flatMap((c) => c.items).map((i) => ({ item: i.id, expected: 7, perceived: 3 }));
  const response = await request.post(`/api/v1/studies/${fixture.studyId}/responses`, {
    data: {
      responses: [
        { answers, segment: "North", comments: { [fixture.snapshot.criteria[0].id]: "Slow check-in." } },
        { answers, segment: "South" },
      ],
    },
    headers: { authorization: `Bearer ${key}` },
  });
  if (response.status() !== 201) throw new Error(`responses not stored: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { ids: string[] }).ids;
}

/** A fresh session for `account` (as if it had just signed in), as a Cookie header. */
export async function sessionCookie(account: Account): Promise<string> {
  const token = newToken(32);
  await transaction((tx) =>
    insertSession(tx, {
      tokenHash: hashToken(token),
      userId: account.userId,
      workspaceId: account.workspaceId,
      expiresAt: sessionExpiry(Date.now()),
    }),
  );
  return `session=${token}`;
}

export async function headersFor(world: World, who: SessionPrincipal): Promise<Record<string, string>> {
  return who === "signedOut" ? {} : { cookie: await sessionCookie(world.accounts[who]) };
}

export async function apiHeadersFor(world: World, who: KeyPrincipal): Promise<Record<string, string>> {
  if (who === "noKey") return {};
  if (who === "sessionCookie") return { cookie: await sessionCookie(world.accounts.owner) };
  return { authorization: `Bearer ${world.keys[who]}` };
}

/**
 * Until neither workspace has a job waiting or running: an upload, an import
 * or "Explore a demo" goes on writing after its request returned (in the
 * server's one worker, maybe behind another test's job), and those writes
 * belong to the row that started them, not to the next one.
 */
export async function jobsSettled(world: World): Promise<void> {
  const workspaces = [world.A.id, world.B.id];
  for (let i = 0; i < 1_200; i++) {
    const [active] = await getDb()
      .select({ n: count() })
      .from(jobs)
      .where(and(inArray(jobs.workspaceId, workspaces), inArray(jobs.state, ["receiving", "queued", "running"])));
    // Mail queued by a call (an owner's reset link for a member) is sent a moment later: wait for it too.
    const [mail] = await getDb()
      .select({ n: count() })
      .from(emails)
      .where(and(inArray(emails.workspaceId, workspaces), eq(emails.state, "queued")));
    if (active.n === 0 && mail.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("jobs or mail of the access-table workspaces did not end within 2 minutes");
}

export const fingerprintA = (world: World) => fingerprint([world.A.id]);
export const fingerprintB = (world: World) => fingerprint([world.B.id]);

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter((t) => JSON.stringify(after[t]) !== JSON.stringify(before[t]));
}

/** Every file named `name` under app/, as its route: groups dropped, e.g. "/studies/[id]/design". */
export function routesOf(name: "page.tsx" | "route.ts"): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === name) {
        const route = path
          .relative("app", path.dirname(full))
          .split(path.sep)
          .filter((segment) => segment && !/^\(.*\)$/.test(segment))
          .join("/");
        out.push(`/${route}`);
      }
    }
  };
  walk("app");
  return out.sort();
}

/** `/studies/[id]/x` → a real path, with the study (or token) given. */
export function fill(route: string, values: { id: string; token: string; perspective?: string; linkId?: string; campaignId?: string }): string {
  return route
    .replace("[id]", values.id)
    .replace("[campaignId]", values.campaignId ?? "none")
    .replace("[linkId]", values.linkId ?? "none")
    .replace("[token]", values.token)
    .replace("[perspective]", values.perspective ?? "management");
}
