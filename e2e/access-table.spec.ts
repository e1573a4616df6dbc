import { expect, test, type APIResponse } from "@playwright/test";
import { getDb } from "@/db/client";
import { asc, eq } from "drizzle-orm";
import { caseNotes, cases } from "@/db/schema";
import { actionFields, multipart, serverActions } from "./forge-helpers";
import { actionTable, mayCall } from "./access-table-actions";
import {
  apiHeadersFor,
  changedTables,
  fill,
  fingerprintA,
  fingerprintB,
  headersFor,
  jobsSettled,
  makeWorld,
  routesOf,
  sessionPrincipals,
  submitResponses,
  type KeyPrincipal,
  type SessionPrincipal,
  type World,
} from "./access-table-helpers";

// Who may do what, as tables: every page, every route handler, every API
// route and every server action of the build, against every principal —
// owner, manager and analyst of workspace A, a member (the owner) of
// workspace B, a visitor who is signed out, and API keys of A (manager,
// analyst), of B, none, or a session cookie instead of a key. Forged writes
// are sent as an attacker would (the action ids are public); after each one
// the database of the workspaces is compared, row by row.
//
// Outcomes: "200"… a status; "→/path" a redirect there (303 from actions and
// route handlers, 307 from pages); "any" a harmless answer (no 5xx, no
// change to A). A page, route or action missing from these tables fails the
// test: a new one needs its row.

type Outcome = `${number}` | `→${string}` | "any";
type ByRole = Record<SessionPrincipal, Outcome>;

const row = (owner: Outcome, manager: Outcome, analyst: Outcome, otherWorkspace: Outcome, signedOut: Outcome): ByRole => ({
  owner,
  manager,
  analyst,
  otherWorkspace,
  signedOut,
});
const everyone = (o: Outcome) => row(o, o, o, o, o);
const readStudy = row("200", "200", "200", "404", "→/sign-in");
const writeStudy = row("200", "200", "→/forbidden", "404", "→/sign-in");

const pageTable: Record<string, ByRole> = {
  "/": row("→/studies", "→/studies", "→/studies", "→/studies", "→/sign-in"),
  "/sign-in": row("→/studies", "→/studies", "→/studies", "→/studies", "200"),
  "/setup": everyone("→/sign-in"),
  "/forbidden": everyone("200"),
  // Managers see only its Webhooks section; owners everything.
  "/settings": row("200", "200", "→/forbidden", "200", "→/sign-in"),
  "/settings/webhooks/[id]": row("200", "200", "→/forbidden", "404", "→/sign-in"),
  "/studies": row("200", "200", "200", "200", "→/sign-in"),
  "/studies/new": row("200", "200", "→/forbidden", "200", "→/sign-in"),
  // Without a job of the caller's workspace (?job=…) it goes back to the list; demo.spec.ts follows a job.
  "/studies/demo": row("→/studies", "→/studies", "→/forbidden", "→/studies", "→/sign-in"),
  "/studies/[id]": readStudy,
  "/studies/[id]/design": readStudy,
  "/studies/[id]/preview": readStudy,
  "/studies/[id]/results": readStudy,
  "/studies/[id]/gaps": readStudy,
  "/studies/[id]/follow-up": readStudy,
  "/studies/[id]/report": readStudy,
  "/studies/[id]/distribute": writeStudy,
  "/studies/[id]/distribute/card/[linkId]": writeStudy,
  "/studies/[id]/distribute/email": writeStudy,
  "/studies/[id]/distribute/campaigns/[campaignId]": writeStudy,
  "/studies/[id]/edit": writeStudy,
  "/studies/[id]/import": writeStudy,
  // The internal questionnaire: its link is the key, whoever holds it.
  "/i/[token]": everyone("200"),
  // Contacts are the workspace's (personal data): members who may write; B's owner sees B's own.
  "/contacts": row("200", "200", "→/forbidden", "200", "→/sign-in"),
  "/contacts/import": row("200", "200", "→/forbidden", "200", "→/sign-in"),
  "/contacts/[id]": row("200", "200", "→/forbidden", "404", "→/sign-in"),
  "/account": row("200", "200", "200", "200", "→/sign-in"),
  // Anyone may ask for a reset link; an unknown reset token gets its explanation page.
  "/forgot-password": everyone("200"),
  "/reset-password/[token]": everyone("200"),
};

let world: World;

test.beforeAll(async ({ request }) => {
  world = await makeWorld();
  world.responseIds.push(...(await submitResponses(request, world.study, world.keys.managerKey)));
});

/** Checks a response against an outcome; returns a complaint or null. */
async function judge(response: APIResponse, outcome: Outcome): Promise<string | null> {
  const status = response.status();
  if (status >= 500) return `${status} (server error): ${(await response.text()).slice(0, 200)}`;
  if (outcome === "any") return null;
  if (outcome.startsWith("→")) {
    const location = (response.headers()["location"] ?? "").replace(/^https?:\/\/[^/]+/, "");
    const target = outcome.slice(1);
    const ok =
      status >= 300 &&
      status < 400 &&
      (location === target || location.startsWith(`${target}?`) || location.startsWith(`${target}/`) || location.startsWith(`${target}#`));
    return ok ? null : `${status} to "${location}", expected a redirect to ${target}`;
  }
  return String(status) === outcome ? null : `${status}, expected ${outcome}: ${(await response.text()).slice(0, 160)}`;
}

test("every page, as every principal: the right page, the sign-in or forbidden page, or a 404 for another workspace", async ({ request }) => {
  const routes = routesOf("page.tsx");
  expect(
    routes.filter((r) => !(r in pageTable)),
    "pages without a row in pageTable",
  ).toEqual([]);
  const problems: string[] = [];
  const managerEmail = world.accounts.manager.email;
  for (const route of routes) {
    for (const who of sessionPrincipals) {
      // A contact's page takes the contact's id; every other [id] is the study's.
      const id = route.startsWith("/contacts/")
        ? world.contactId
        : route.startsWith("/settings/webhooks/")
          ? world.webhooks.kept
          : world.study.studyId;
      const path = fill(route, { id, token: world.internalToken, linkId: world.branchLinkId, campaignId: world.campaignId });
      const response = await request.get(path, { headers: await headersFor(world, who), maxRedirects: 0 });
      const outcome = pageTable[route][who];
      const complaint = await judge(response, outcome);
      if (complaint) problems.push(`${who} GET ${route}: ${complaint}`);
      const body = await response.text();
      // Nobody reads what is not theirs; A's members do see A's study.
      if ((who === "otherWorkspace" || who === "signedOut") && route !== "/i/[token]") {
        if (body.includes(world.secret)) problems.push(`${who} GET ${route}: shows workspace A's study`);
        if (body.includes(managerEmail)) problems.push(`${who} GET ${route}: shows workspace A's members`);
      }
      if (outcome === "200" && route.startsWith("/studies/[id]") && !body.includes(world.secret))
        problems.push(`${who} GET ${route}: 200 without the study`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

type HandlerRow = {
  method: "GET" | "POST";
  query?: string;
  body?: () => { data: string | Buffer; type: string };
  expect: ByRole;
  /** The tables an allowed call may write (by whom); every other call must change nothing. */
  writes?: { by: SessionPrincipal[]; tables: string[] };
};

const csv = () =>
  multipart([
    ["file", { filename: "a.csv", type: "text/csv", content: "respondent,item,expected,perceived\n1,x,5,4\n" }],
    ["intent", "check"],
  ]);

const handlerTable: Record<string, HandlerRow> = {
  "/studies/[id]/export": { method: "GET", query: "?format=long", expect: row("200", "200", "200", "404", "→/sign-in") },
  "/studies/[id]/distribute/qr": { method: "GET", query: "?format=svg", expect: row("200", "200", "→/forbidden", "404", "→/sign-in") },
  "/studies/[id]/distribute/invites": { method: "GET", expect: row("200", "200", "→/forbidden", "404", "→/sign-in") },
  "/studies/[id]/import/upload": {
    method: "POST",
    body: () => ({ data: csv().body, type: csv().type }),
    expect: row("→/studies/[id]/import", "→/studies/[id]/import", "→/forbidden", "404", "→/sign-in"),
    // The file goes to the job store, checked by a worker (several instances share both).
    writes: { by: ["owner", "manager"], tables: ["jobs", "job_files"] },
  },
  "/studies/[id]/import/template": { method: "GET", expect: row("200", "200", "→/forbidden", "404", "→/sign-in") },
  "/s/[token]": { method: "GET", expect: everyone("200") },
  // An unsubscribe link is its own key; a token that is no contact's is a 404 page for anyone.
  "/u/[token]": { method: "GET", expect: everyone("404") },
  "/contacts/example.csv": { method: "GET", expect: row("200", "200", "→/forbidden", "200", "→/sign-in") },
  // A file without an email column: its report, and nothing stored.
  "/contacts/import/upload": {
    method: "POST",
    body: () => {
      const form = multipart([["file", { filename: "contacts.csv", type: "text/csv", content: "name,phone\nLin Mei,0912\n" }]]);
      return { data: form.body, type: form.type };
    },
    expect: row("→/contacts/import", "→/contacts/import", "→/forbidden", "→/contacts/import", "→/sign-in"),
  },
  // A step that does not exist: refused for anyone, and nothing is written.
  "/i/[token]/step": { method: "POST", body: () => ({ data: "step=99", type: "application/x-www-form-urlencoded" }), expect: everyone("409") },
  "/locale": {
    method: "POST",
    body: () => ({ data: "locale=en&back=/forbidden", type: "application/x-www-form-urlencoded" }),
    expect: everyone("→/forbidden"),
  },
};

test("every route handler outside the API, as every principal; none changes a row it may not", async ({ request }) => {
  const routes = routesOf("route.ts").filter((r) => !r.startsWith("/api/"));
  expect(
    routes.filter((r) => !(r in handlerTable)),
    "route handlers without a row in handlerTable",
  ).toEqual([]);
  const problems: string[] = [];
  for (const route of routes) {
    const spec = handlerTable[route];
    for (const who of sessionPrincipals) {
      const ids = { id: world.study.studyId, token: route.startsWith("/s/") ? world.study.token : world.internalToken };
      const before = [await fingerprintA(world), await fingerprintB(world)];
      const body = spec.body?.();
      const response = await request.fetch(`${fill(route, ids)}${spec.query ?? ""}`, {
        method: spec.method,
        headers: { ...(await headersFor(world, who)), ...(body ? { "content-type": body.type } : {}) },
        data: body?.data,
        maxRedirects: 0,
      });
      const outcome = spec.expect[who].replace("[id]", world.study.studyId) as Outcome;
      const complaint = await judge(response, outcome);
      if (complaint) problems.push(`${who} ${spec.method} ${route}: ${complaint}`);
      const text = (await response.body()).toString("utf8");
      // The survey and the internal links are public by design (the link is the key).
      const isPublic = /^\/(s|i|u|locale)\b/.test(route);
      if (who === "otherWorkspace" && !isPublic && (text.includes(world.secret) || text.includes(world.study.token)))
        problems.push(`${who} ${route}: shows workspace A's data`);
      const mayWrite = spec.writes?.by.includes(who) ? spec.writes.tables : [];
      await jobsSettled(world);
      const changed = [...changedTables(before[0], await fingerprintA(world)), ...changedTables(before[1], await fingerprintB(world))].filter(
        (t) => !mayWrite.includes(t),
      );
      if (changed.length > 0) problems.push(`${who} ${spec.method} ${route}: changed ${changed.join(", ")}`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

type ByKey = Record<KeyPrincipal, Outcome>;
const keyRow = (
  managerKey: Outcome,
  analystKey: Outcome,
  otherWorkspaceKey: Outcome,
  noKey: Outcome = "401",
  sessionCookie: Outcome = "401",
): ByKey => ({
  managerKey,
  analystKey,
  otherWorkspaceKey,
  noKey,
  sessionCookie,
});
type ApiRow = {
  method: string;
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** A CSV body instead of JSON. */
  csv?: (w: World) => string;
  expect: ByKey;
  writes?: boolean;
};

const allAnswers = (w: World, rating: (i: number) => Record<string, number>) =>
  w.apiStudy.snapshot.criteria.flatMap((c) => c.items).map((item, i) => ({ item: item.id, ...rating(i) }));

const apiTable: Record<string, ApiRow[]> = {
  "/api/health": [{ method: "GET", path: () => "/api/health", expect: keyRow("200", "200", "200", "200", "200") }],
  "/api/v1/openapi.json": [{ method: "GET", path: () => "/api/v1/openapi.json", expect: keyRow("200", "200", "200", "200", "200") }],
  "/api/v1/[...rest]": [{ method: "GET", path: () => "/api/v1/no/such/thing", expect: keyRow("404", "404", "404") }],
  "/api/v1/studies": [
    { method: "GET", path: () => "/api/v1/studies", expect: keyRow("200", "200", "200") },
    {
      method: "POST",
      path: () => "/api/v1/studies",
      body: (w) => ({ name: `Via API ${w.tag}`, provider: "Harbour" }),
      expect: keyRow("201", "403", "201"),
      writes: true,
    },
  ],
  "/api/v1/studies/[id]": [{ method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}`, expect: keyRow("200", "200", "404") }],
  "/api/v1/studies/[id]/versions": [
    { method: "POST", path: (w) => `/api/v1/studies/${w.apiStudy.studyId}/versions`, expect: keyRow("201", "403", "404"), writes: true },
  ],
  "/api/v1/studies/[id]/responses": [
    {
      method: "POST",
      path: (w) => `/api/v1/studies/${w.apiStudy.studyId}/responses`,
      body: (w) => ({ responses: [{ answers: allAnswers(w, () => ({ expected: 6, perceived: 4 })) }] }),
      expect: keyRow("201", "403", "404"),
      writes: true,
    },
  ],
  "/api/v1/studies/[id]/perspectives/[perspective]/responses": [
    {
      method: "POST",
      path: (w) => `/api/v1/studies/${w.apiStudy.studyId}/perspectives/management/responses`,
      body: (w) => ({ responses: [{ answers: allAnswers(w, () => ({ rating: 5 })) }] }),
      expect: keyRow("201", "403", "404"),
      writes: true,
    },
  ],
  "/api/v1/studies/[id]/results": [{ method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/results`, expect: keyRow("200", "200", "404") }],
  "/api/v1/studies/[id]/export": [
    { method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/export?format=long`, expect: keyRow("200", "200", "404") },
  ],
  "/api/v1/studies/[id]/imports": [
    {
      method: "POST",
      path: (w) => `/api/v1/studies/${w.apiStudy.studyId}/imports?dryRun=1`,
      csv: (w) => {
        const items = w.apiStudy.snapshot.criteria.flatMap((c) => c.items);
        return [
          ["response_id", ...items.flatMap((i) => [`${i.key}.expected`, `${i.key}.perceived`])],
          ["r1", ...items.flatMap(() => [6, 4])],
        ]
          .map((r) => r.join(","))
          .join("\r\n");
      },
      expect: keyRow("202", "403", "404"),
      writes: true,
    },
  ],
  "/api/v1/jobs/[id]": [{ method: "GET", path: (w) => `/api/v1/jobs/${w.endedJob}`, expect: keyRow("200", "200", "404") }],
  // Follow-up cases: any key of the study's workspace reads them (contact details only with a manager key); B's key: 404.
  "/api/v1/studies/[id]/cases": [
    { method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/cases`, expect: keyRow("200", "200", "404") },
    { method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/cases?state=closed`, expect: keyRow("422", "422", "404") },
  ],
  // A study's alert rule: read keys read it; only a manager key of the study's workspace sets it (B's key: 404).
  "/api/v1/studies/[id]/alerts": [
    { method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/alerts`, expect: keyRow("200", "200", "404") },
    {
      method: "PUT",
      path: (w) => `/api/v1/studies/${w.apiStudy.studyId}/alerts`,
      body: (w) => ({ threshold: 2.5, notify: [w.accounts.manager.email] }),
      expect: keyRow("200", "403", "404"),
      writes: true,
    },
  ],
  // Contacts are personal data: a manager key even to read; B's key works on B's contacts.
  "/api/v1/contacts": [
    { method: "GET", path: () => "/api/v1/contacts", expect: keyRow("200", "403", "200") },
    {
      method: "POST",
      path: () => "/api/v1/contacts",
      body: (w) => ({ contacts: [{ email: `api-${w.tag.toLowerCase()}@example.test`, name: "Via API" }] }),
      expect: keyRow("200", "403", "200"),
      writes: true,
    },
  ],
  // The campaign's contact has answered: inviting them finds nobody to invite (422) and writes nothing.
  "/api/v1/studies/[id]/invitations": [
    {
      method: "POST",
      path: (w) => `/api/v1/studies/${w.study.studyId}/invitations`,
      body: (w) => ({ to: { emails: [`answered-${w.tag}@example.test`] } }),
      expect: keyRow("422", "403", "404"),
    },
  ],
  "/api/v1/studies/[id]/invitations/[campaign]": [
    { method: "GET", path: (w) => `/api/v1/studies/${w.study.studyId}/invitations/${w.campaignId}`, expect: keyRow("200", "403", "404") },
  ],
  // Nobody left to remind: 202 with no recipients, nothing queued.
  "/api/v1/studies/[id]/invitations/[campaign]/reminders": [
    { method: "POST", path: (w) => `/api/v1/studies/${w.study.studyId}/invitations/${w.campaignId}/reminders`, expect: keyRow("202", "403", "404") },
  ],
  // Webhooks: a manager key; B's key sees B's (none of A's). A URL that is not http(s) is refused (422) and stores nothing.
  "/api/v1/webhooks": [
    { method: "GET", path: () => "/api/v1/webhooks", expect: keyRow("200", "403", "200") },
    {
      method: "POST",
      path: () => "/api/v1/webhooks",
      body: () => ({ url: "ftp://hooks.example.test/", events: ["response.submitted"] }),
      expect: keyRow("422", "403", "422"),
    },
  ],
  "/api/v1/webhooks/[id]": [
    { method: "DELETE", path: (w) => `/api/v1/webhooks/${w.webhooks.toDeleteByApi}`, expect: keyRow("204", "403", "404"), writes: true },
  ],
  "/api/v1/webhooks/[id]/deliveries": [
    { method: "GET", path: (w) => `/api/v1/webhooks/${w.webhooks.kept}/deliveries`, expect: keyRow("200", "403", "404") },
  ],
  // An ended job: a manager's cancel is refused with 409, and nothing changes.
  "/api/v1/jobs/[id]/cancel": [{ method: "POST", path: (w) => `/api/v1/jobs/${w.endedJob}/cancel`, expect: keyRow("409", "403", "404") }],
};

test("every API route, with every kind of key: writes need a manager key of the study's workspace", async ({ request }) => {
  const routes = routesOf("route.ts").filter((r) => r.startsWith("/api/"));
  expect(
    routes.filter((r) => !(r in apiTable)),
    "API routes without a row in apiTable",
  ).toEqual([]);
  const problems: string[] = [];
  for (const route of routes) {
    for (const spec of apiTable[route]) {
      // Refused callers first, so the allowed ones' writes come last.
      for (const who of ["noKey", "sessionCookie", "analystKey", "otherWorkspaceKey", "managerKey"] as const) {
        const before = [await fingerprintA(world), await fingerprintB(world)];
        const body = spec.body?.(world);
        const csv = spec.csv?.(world);
        const response = await request.fetch(spec.path(world), {
          method: spec.method,
          headers: {
            ...(await apiHeadersFor(world, who)),
            ...(body ? { "content-type": "application/json" } : {}),
            ...(csv ? { "content-type": "text/csv" } : {}),
          },
          data: body ? JSON.stringify(body) : csv,
          maxRedirects: 0,
        });
        const outcome = spec.expect[who];
        const complaint = await judge(response, outcome);
        const label = `${who} ${spec.method} ${route}`;
        if (complaint) problems.push(`${label}: ${complaint}`);
        const text = await response.text();
        if (who === "otherWorkspaceKey" && (text.includes(world.study.studyId) || text.includes(world.secret)))
          problems.push(`${label}: shows workspace A's data`);
        if (
          (who === "managerKey" || who === "analystKey") &&
          spec.method === "GET" &&
          route === "/api/v1/studies" &&
          !text.includes(world.study.studyId)
        ) {
          problems.push(`${label}: A's own study is missing`);
        }
        await jobsSettled(world);
        const [changedA, changedB] = [changedTables(before[0], await fingerprintA(world)), changedTables(before[1], await fingerprintB(world))];
        const wrote = outcome.startsWith("2") && spec.writes;
        if (wrote && who === "managerKey" && changedA.length === 0) problems.push(`${label}: allowed, yet nothing changed`);
        if (!(wrote && who === "managerKey") && changedA.length > 0) problems.push(`${label}: changed workspace A's ${changedA.join(", ")}`);
        if (!(wrote && who === "otherWorkspaceKey") && changedB.length > 0) problems.push(`${label}: changed workspace B's ${changedB.join(", ")}`);
      }
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

test("every server action of the build, forged by every principal: refused calls change nothing, allowed ones work", async ({ request }) => {
  test.setTimeout(180_000);
  const actions = serverActions();
  const byName = new Map(actions.map((a) => [a.name, a]));
  expect(
    actions.map((a) => a.name).filter((name) => !actionTable.some((r) => r.name === name)),
    "actions without a row in actionTable",
  ).toEqual([]);
  const problems: string[] = [];
  for (const spec of actionTable) {
    const action = byName.get(spec.name);
    if (!action) {
      if (!spec.optional) problems.push(`${spec.name}: not in the build`);
      continue;
    }
    let call = 0;
    let proven = false;
    for (const who of sessionPrincipals) {
      const allowed = mayCall(spec, who);
      const before = [await fingerprintA(world), await fingerprintB(world)];
      const form = multipart([...actionFields(action, spec.bound?.(world)), ...(await spec.fields(world, ++call))]);
      const response = await request.post(spec.page(world), {
        headers: { ...(await headersFor(world, who)), "content-type": form.type },
        data: form.body,
        maxRedirects: 0,
      });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      await jobsSettled(world);
      const [changedA, changedB] = [changedTables(before[0], await fingerprintA(world)), changedTables(before[1], await fingerprintB(world))];
      const label = `${who} → ${spec.name}`;
      if (status >= 500) problems.push(`${label}: ${status} (server error)`);
      if (spec.access === "public" || !allowed) {
        if (!allowed) {
          const target = who === "signedOut" ? "/sign-in" : "/forbidden";
          if (status !== 303 || !location.startsWith(target)) problems.push(`${label}: ${status} to "${location}", expected 303 to ${target}`);
        }
        if (changedA.length + changedB.length > 0) problems.push(`${label}: refused or public, yet changed ${[...changedA, ...changedB].join(", ")}`);
        continue;
      }
      if (/^\/(forbidden|sign-in)/.test(location)) problems.push(`${label}: allowed, yet sent to ${location}`);
      if (who === "otherWorkspace") {
        // B's owner acts in B (a study created there is theirs), never in A.
        if (changedA.length > 0) problems.push(`${label}: changed workspace A's ${changedA.join(", ")}`);
        continue;
      }
      if (![200, 303].includes(status)) problems.push(`${label}: allowed, yet ${status}`);
      if (changedB.length > 0) problems.push(`${label}: changed workspace B's ${changedB.join(", ")}`);
      if (spec.effect !== "none" && !proven && changedA.length === 0)
        problems.push(`${label}: allowed, yet nothing changed (the forgery would not prove anything)`);
      proven = true;
    }
  }
  // The forged notes on the world's case are the manager's and the owner's only (calls 4 and 5), none the analyst's.
  const [opened] = await getDb().select().from(cases).where(eq(cases.responseId, world.responseIds[0]));
  const notes = await getDb().select().from(caseNotes).where(eq(caseNotes.caseId, opened.id)).orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  expect(notes.map((n) => [n.text, n.authorId])).toEqual([
    ["Forged note 4", world.accounts.manager.userId],
    ["Forged note 5", world.accounts.owner.userId],
  ]);
  expect(problems, problems.join("\n")).toEqual([]);
});
