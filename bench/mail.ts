// Mail benchmark (issue 16): one campaign of 10,000 invitations, queued
// through the real code path (createCampaign: links, recipients, rendered
// mails in the outbox) and sent by the real mailer (sendDueMails passes, as
// the worker runs them) to a local SMTP server (smtp-server) that accepts
// everything. Prints the time to queue, mails per second and the time from
// the request to the last mail received, on each engine.
//
//   npx tsx bench/mail.ts [mails]        both engines (PostgreSQL when it answers)

import { fork } from "node:child_process";
import { perEngine } from "./per-engine";

const mails = Number(process.argv[2] ?? 10_000);

// Read when lib/env loads (imported lazily below): mail counts as set up.
process.env.SMTP_URL ??= "smtp://127.0.0.1:9";
process.env.MAIL_FROM ??= "Bench <bench@gapwise.test>";
process.env.PUBLIC_URL ??= "https://survey.gapwise.test";

type Figures = { mails: number; queueMs: number; firstMs: number; lastMs: number; perSecond: number };

async function measure(): Promise<Figures> {
  const { randomUUID } = await import("node:crypto");
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("mailbench");
  process.env.DATABASE_URL = testDb.url;
  const { closeDatabase, transaction } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  await applyMigrations();
  const { contacts } = await import("@/db/schema");
  const { newToken } = await import("@/lib/auth/tokens");
  const { makePublishedStudy } = await import("@/lib/survey/fixture-study");
  const { createCampaign, invitationRequestSchema } = await import("@/lib/campaigns/create-campaign");
  const { sendDueMails } = await import("@/lib/mail/mailer");
  const { closeMailTransports } = await import("@/lib/mail/transport");

  const fixture = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  const now = Date.now();
  for (let start = 0; start < mails; start += 500) {
    const rows = Array.from({ length: Math.min(500, mails - start) }, (_, i) => ({
      id: randomUUID(),
      workspaceId: fixture.workspaceId,
      email: `guest${start + i}@example.test`,
      name: (start + i) % 2 ? `客人 ${start + i}` : `Guest ${start + i}`,
      language: (start + i) % 2 ? ("zh-Hant" as const) : ("en" as const),
      segment: ["Airport", "Harbour", "Old Town"][(start + i) % 3],
      unsubscribeToken: newToken(),
      updatedAt: now,
    }));
    await transaction((tx) => tx.insert(contacts).values(rows));
  }

  // The mail server runs in a process of its own, as it would in production.
  const sink = fork("bench/smtp-sink.mjs", [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve) => sink.once("message", (m: { port: number }) => resolve(m.port)));
  const smtpUrl = `smtp://127.0.0.1:${port}`;
  let received = 0;
  let first = 0;
  let last = 0;

  const start = performance.now();
  const outcome = await createCampaign({
    workspaceId: fixture.workspaceId,
    studyId: fixture.studyId,
    request: invitationRequestSchema.parse({ to: "all" }),
    createdBy: "bench",
    now: Date.now(),
  });
  const queued = performance.now();
  if (outcome.kind !== "created" || outcome.recipients !== mails) throw new Error(`campaign: ${outcome.kind}`);
  const options = { smtpUrl, from: process.env.MAIL_FROM!, ratePerMinute: 1_000_000_000, log: () => {} };
  // The mailer's passes, as the worker runs them; a mail counts when the server has accepted it.
  while (received < mails) {
    const handled = await sendDueMails(options);
    if (handled === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    else {
      received += handled;
      last = performance.now();
      if (first === 0) first = last;
    }
  }
  const accepted = await new Promise<number>((resolve) => {
    sink.once("message", (m: { received: number }) => resolve(m.received));
    sink.send("count");
  });
  if (accepted !== mails) throw new Error(`the SMTP server accepted ${accepted} of ${mails} mails`);
  closeMailTransports();
  sink.send("stop");
  await closeDatabase();
  await testDb.drop();
  return { mails, queueMs: queued - start, firstMs: first - start, lastMs: last - start, perSecond: mails / ((last - queued) / 1000) };
}

async function main() {
  const runs = await perEngine("bench/mail.ts", "MAIL_BENCH_ENGINE", measure, [String(mails)]);
  const f = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(`${f(mails)} invitations to a local SMTP server (one campaign: queued by createCampaign, sent by the mailer, 4 connections)\n`);
  console.log("engine      queue (s)   first mail (s)   last mail (s)   mails/s while sending");
  for (const run of runs) {
    if (run.status !== "ok") {
      console.log(`${run.engine.padEnd(11)} ${run.status}: ${run.reason}`);
      continue;
    }
    const r = run.figures;
    console.log(
      `${run.engine.padEnd(11)} ${f(r.queueMs / 1000, 2).padStart(9)}   ${f(r.firstMs / 1000, 2).padStart(14)}   ${f(r.lastMs / 1000, 2).padStart(13)}   ${f(r.perSecond).padStart(21)}`,
    );
  }
  const [sqlite, postgres] = runs;
  if (sqlite.status === "ok" && postgres.status === "ok") {
    console.log(`\nPostgreSQL / SQLite, time to the last mail: ${f(postgres.figures.lastMs / sqlite.figures.lastMs, 2)}×`);
  }
  if (runs.some((run) => run.status === "failed")) process.exitCode = 1;
}

void main();
