// Follow-up benchmark (issue 17): seeds 100,000 customer responses and about
// 2,000 follow-up cases (a third contacted, a third resolved, some assigned,
// some overdue, a note each) into a throwaway database, then times the case
// list's data — what the follow-up page loads: one page of cases with their
// responses' worst criteria, comments, contacts and notes, and the counts per
// state — beside a trivial query (one study by id) in the same run, and the
// "largest shortfalls without a case" view. Target: the case list under 100 ms.
//
//   npx tsx bench/follow-up.ts [responses] [cases]   SQLite, then PostgreSQL when it answers
//   FOLLOW_UP_ENGINE=sqlite|postgres …                one engine (what the parent runs)

import { perEngine } from "./per-engine";

const responsesWanted = Number(process.argv[2] ?? 100_000);
const casesWanted = Number(process.argv[3] ?? 2_000);

async function measure() {
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("follow-up-bench");
  process.env.DATABASE_URL = testDb.url;
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const { closeDatabase, currentEngine, getDb, pgPool, transaction } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { addMembership, createUser, createWorkspace } = await import("@/db/queries/accounts");
  const { findStudy } = await import("@/db/queries/studies");
  const { insertCase, insertCaseNote, moveCase, updateCase } = await import("@/db/queries/cases");
  const { defaultCaseQuery, loadCaseList, loadShortfalls } = await import("@/lib/results/follow-up");
  const { createBenchStudy, seedCustomerResponses } = await import("./seed-responses");

  try {
    await applyMigrations();
    const workspace = await transaction((tx) => createWorkspace(tx, "Bench"));
    const manager = await transaction(async (tx) => {
      const user = await createUser(tx, { email: "manager@bench.test", passwordHash: "x", name: "Manager" });
      await addMembership(tx, workspace.id, user.id, "manager");
      return user.id;
    });
    const { study, version } = await createBenchStudy(workspace.id);
    const { seedMs } = await seedCustomerResponses(study.id, version, responsesWanted);

    // Cases on every (responses / cases)-th response (the seeder's ids are r0000000…), as alerts and by hand.
    const casesStart = performance.now();
    const step = Math.max(1, Math.floor(responsesWanted / casesWanted));
    const t0 = Date.UTC(2026, 3, 1);
    for (let from = 0; from < casesWanted; from += 500) {
      await transaction(async (tx) => {
        for (let k = from; k < Math.min(casesWanted, from + 500); k++) {
          const responseId = `r${String(k * step).padStart(7, "0")}`;
          const now = t0 + k * 60_000;
          const id = await insertCase(tx, { studyId: study.id, responseId, origin: k % 2 ? "alert" : "manual", now });
          if (!id) throw new Error(`no case for ${responseId}`);
          if (k % 3 === 1) await moveCase(tx, study.id, id, "open", "contacted", now);
          if (k % 3 === 2) await moveCase(tx, study.id, id, "open", "resolved", now);
          if (k % 4 === 0) await updateCase(tx, id, { assigneeId: manager, dueAt: now + (k % 8 === 0 ? -1 : 1) * 86_400_000, updatedAt: now });
          await insertCaseNote(tx, { caseId: id, authorId: manager, text: `Called guest ${k}`, now });
        }
      });
    }
    const casesMs = performance.now() - casesStart;
    // What autovacuum's ANALYZE does soon after a bulk load: without statistics PostgreSQL plans the joins blind.
    if (currentEngine() === "postgres") await pgPool().query("ANALYZE");

    const reader = { userId: manager, seesContacts: true };
    const list = await loadCaseList(getDb(), study, defaultCaseQuery, reader);
    const active = list.counts.open + list.counts.contacted;
    if (list.entries.length !== Math.min(50, active) || list.counts.open + list.counts.contacted + list.counts.resolved !== casesWanted)
      throw new Error("case list is wrong");

    function stats(xs: number[]) {
      const s = [...xs].sort((a, b) => a - b);
      const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
      return { median: at(0.5), p95: at(0.95) };
    }
    async function time(runs: number, warmup: number, fn: () => Promise<unknown>) {
      for (let i = 0; i < warmup; i++) await fn();
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
      return stats(out);
    }
    const trivial = await time(40, 5, () => findStudy(getDb(), workspace.id, study.id));
    const caseList = await time(40, 5, () => loadCaseList(getDb(), study, defaultCaseQuery, reader));
    const filtered = await time(40, 5, () =>
      loadCaseList(getDb(), study, { ...defaultCaseQuery, state: "all", assignee: "me", segment: "Branch A", overdue: "1" }, reader),
    );
    const shortfalls = await time(10, 2, () => loadShortfalls(getDb(), study, { ...defaultCaseQuery, view: "shortfalls" }, true));
    return { engine: currentEngine(), seedMs, casesMs, counts: list.counts, trivial, caseList, filtered, shortfalls };
  } finally {
    await closeDatabase();
    await testDb.drop();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;

function report(r: Measured): boolean {
  const f = (s: { median: number; p95: number }) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
  console.log(
    `\n${r.engine}: ${responsesWanted.toLocaleString("en")} responses seeded in ${(r.seedMs / 1000).toFixed(1)} s; ` +
      `${casesWanted.toLocaleString("en")} cases (${r.counts.open} open, ${r.counts.contacted} contacted, ${r.counts.resolved} resolved) in ${(r.casesMs / 1000).toFixed(1)} s`,
  );
  console.log(`trivial query (one study by id), 40 runs:                 ${f(r.trivial)}`);
  console.log(`case list, open + contacted, 50 shown (40 runs):          ${f(r.caseList)}`);
  console.log(`case list, all states, mine, one segment, overdue (40):   ${f(r.filtered)}`);
  console.log(`largest shortfalls without a case, 50 shown (10 runs):    ${f(r.shortfalls)}`);
  const ok = r.caseList.p95 < 100 && r.filtered.p95 < 100;
  console.log(ok ? "Target met: the case list under 100 ms (p95)." : "Target NOT met: the case list under 100 ms (p95).");
  return ok;
}

async function main() {
  let failed = 0;
  for (const run of await perEngine("bench/follow-up.ts", "FOLLOW_UP_ENGINE", measure, [String(responsesWanted), String(casesWanted)])) {
    if (run.status === "ok") {
      if (!report(run.figures)) failed++;
    } else {
      console.log(`\n${run.engine}: ${run.status} (${run.reason})`);
      if (run.status === "failed") failed++;
    }
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
