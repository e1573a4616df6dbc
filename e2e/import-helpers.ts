import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { count, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { jobs, responses } from "@/db/schema";

// CSV files for the import tests: the three respondents of the dashboard
// fixture (e2e/dashboard-helpers.ts), written as ratings as answered, so an
// import must give the dashboard's hand-checked figures (EQ 4.42, PQ 3.87,
// SQ +0.55, n 3).

type Pair = [number, number] | null;

const respondents: { id: string; segment: string; day: string; language: string; ratings: Record<string, Pair>; comment?: string }[] = [
  {
    id: "paper-1",
    segment: "Branch A",
    day: "2026-10-01",
    language: "zh-Hant",
    ratings: { s1: [5, 3], s2: [5, 4], s3: [4, 4], s4: [1, 2], c1: [4, 4], c2: [4, 5], c3: [5, 5], c4: [5, 4] },
    comment: '太慢了, 等了"很久"',
  },
  {
    id: "paper-2",
    segment: "Branch B",
    day: "2026-10-02",
    language: "en",
    ratings: { s1: [4, 2], s2: [4, 3], s3: null, s4: [2, 3], c1: [5, 5], c2: [5, 4], c3: [4, 4], c4: [4, 4] },
  },
  {
    id: "paper-3",
    segment: "Branch A",
    day: "2026-10-03",
    language: "en",
    ratings: { s1: [5, 4], s2: [5, 5], s3: [5, 3], s4: [1, 1], c1: [3, 4], c2: [4, 4], c3: [4, 5], c4: [3, 4] },
  },
];

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The long format with the as-answered columns only (what a paper survey typed into a sheet looks like). */
export function goodCsv(): string {
  const lines = ["response_id,submitted_at,segment,language,item,expected_as_answered,perceived_as_answered,comment"];
  for (const r of respondents) {
    for (const [item, pair] of Object.entries(r.ratings)) {
      const comment = item === "s1" && r.comment ? r.comment : "";
      lines.push(
        [r.id, `${r.day}T10:00:00Z`, r.segment, r.language, item, pair ? String(pair[0]) : "", pair ? String(pair[1]) : "", comment]
          .map(quote)
          .join(","),
      );
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Three problems: a rating out of range (row 2), an unknown item (row 3), an unknown segment (row 4). */
export function badCsv(): string {
  return [
    "response_id,submitted_at,segment,item,expected_as_answered,perceived_as_answered",
    "paper-1,2026-10-01T10:00:00Z,Branch A,s1,9,3",
    "paper-1,2026-10-01T10:00:00Z,Branch A,zz,4,4",
    "paper-2,2026-10-02T10:00:00Z,Branch Z,s1,4,2",
    "",
  ].join("\r\n");
}

/** Puts a file in the page's file field: "CSV or XLSX file" on the responses import, "CSV file" on the contacts import. */
export async function chooseFile(page: Page, name: string, text: string | Buffer, label = "CSV or XLSX file") {
  const buffer = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  await page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
}

/** A clean long-format file of about `megabytes` MB (a padded note column the importer ignores), `responses` responses of the fixture. */
export function bigCsv(megabytes: number): { text: string; responses: number } {
  const note = "x".repeat(120);
  const lines = ["response_id,submitted_at,segment,item,expected_as_answered,perceived_as_answered,note"];
  let size = lines[0].length;
  let responses = 0;
  while (size < megabytes * 1024 * 1024) {
    responses++;
    for (const item of ["s1", "s2", "s3", "s4", "c1", "c2", "c3", "c4"]) {
      const line = `big-${responses},2026-10-0${1 + (responses % 9)}T10:00:00Z,Branch A,${item},${1 + (responses % 5)},${1 + ((responses + 2) % 5)},${note}`;
      lines.push(line);
      size += line.length + 2;
    }
  }
  return { text: `${lines.join("\r\n")}\r\n`, responses };
}

/** Every response row of the study, whatever its status (an import's staged rows too). */
export async function countStoredResponses(studyId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(responses).where(eq(responses.studyId, studyId));
  return Number(row.n);
}

/**
 * Holds the study's imports: a stand-in import "running" under a lease no
 * worker takes over (its instance would have to die first), so an upload of
 * the study waits queued (one running import per study) until release().
 * The stand-in's own page shows a running import at 1,200 of about 5,000 rows.
 */
export async function holdImports(workspaceId: string, studyId: string, createdBy: string) {
  const id = randomUUID();
  const now = Date.now();
  await transaction((tx) =>
    tx.insert(jobs).values({
      id,
      kind: "import",
      workspaceId,
      studyId,
      state: "running",
      payload: { sign: "e-p", dryRun: false, fileName: "held.csv", bytes: 640_000, file: id },
      progressDone: 1_200,
      progressTotal: 5_000,
      createdBy: `user:${createdBy}`,
      attempts: 1,
      lockedBy: "e2e-hold",
      lockedUntil: now + 10 * 60_000,
      createdAt: now,
      startedAt: now,
    }),
  );
  return {
    id,
    async cancelRequested() {
      const [row] = await getDb().select({ asked: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id));
      return row.asked;
    },
    async release() {
      await transaction((tx) =>
        tx.update(jobs).set({ state: "cancelled", lockedBy: null, lockedUntil: null, finishedAt: Date.now() }).where(eq(jobs.id, id)),
      );
    },
  };
}

export async function jobState(id: string) {
  const [row] = await getDb().select({ state: jobs.state }).from(jobs).where(eq(jobs.id, id));
  return row?.state;
}

/** The job id of the page the upload redirected to. */
export function jobOf(page: Page): string {
  const id = new URL(page.url()).searchParams.get("job");
  if (!id) throw new Error(`not a job's page: ${page.url()}`);
  return id;
}
