import { describe, expect, it } from "vitest";
import type { JobRow } from "@/db/queries/jobs";
import { importJobView, requesterOf } from "./import-job-view";

const report = {
  format: "long" as const,
  problems: [],
  moreProblems: 0,
  summary: { rows: 24, found: 3, responses: 3, versions: [{ number: 1, responses: 3 }], segments: [], from: null, to: null },
};

function job(patch: Partial<JobRow>): JobRow {
  return {
    id: "job-1",
    kind: "import",
    workspaceId: "w",
    studyId: "s",
    state: "queued",
    payload: { sign: "e-p", dryRun: true, fileName: "paper.csv", bytes: 900, file: "job-1" },
    progressDone: 0,
    progressTotal: 25,
    result: null,
    problems: null,
    createdBy: "user:u1",
    attempts: 0,
    cancelRequested: false,
    lockedBy: null,
    lockedUntil: null,
    createdAt: 1,
    startedAt: null,
    finishedAt: null,
    ...patch,
  };
}

describe("importJobView", () => {
  it("reads the stages a job goes through", () => {
    expect(importJobView(job({ state: "receiving" })).stage).toBe("waiting");
    expect(importJobView(job({ state: "running" }))).toMatchObject({ stage: "running", active: true });
    expect(importJobView(job({ state: "running", cancelRequested: true }))).toMatchObject({ stage: "stopping", active: true });
    expect(importJobView(job({ state: "cancelled" }))).toMatchObject({ stage: "cancelled", active: false });
  });

  it("tells a clean check from an import, with their counts", () => {
    const result = { ...report, accepted: 2, duplicates: 1 };
    expect(importJobView(job({ state: "succeeded", result }))).toMatchObject({ stage: "checked", check: true, added: 2, present: 1 });
    const imported = job({ state: "succeeded", result, payload: { ...job({}).payload, dryRun: false } });
    expect(importJobView(imported)).toMatchObject({ stage: "imported", check: false, added: 2, present: 1 });
  });

  it("tells problems by row from a job that stopped on the file as a whole", () => {
    const problem = { row: 2, column: "item", code: "unknownItem" as const, message: "" };
    const problems = importJobView(job({ state: "failed", result: { ...report, problems: [problem], moreProblems: 4 }, problems: [problem] }));
    expect(problems).toMatchObject({ stage: "problems", problemCount: 5, failures: [] });
    const gone = { row: 0, column: "", code: "fileGone", message: "" };
    expect(importJobView(job({ state: "failed", problems: [gone] }))).toMatchObject({ stage: "failed", report: null, failures: [gone] });
  });
});

describe("requesterOf", () => {
  const members = new Map([["u1", "Mei"]]);
  it("names a member, an API key, the command line, and someone who left", () => {
    expect(requesterOf("user:u1", members)).toEqual({ kind: "member", name: "Mei" });
    expect(requesterOf("key:k1", members)).toEqual({ kind: "apiKey" });
    expect(requesterOf("cli", members)).toEqual({ kind: "cli" });
    expect(requesterOf("user:gone", members)).toEqual({ kind: "unknown" });
  });
});
