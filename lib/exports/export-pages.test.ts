import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { publishedStudy, type PublishedStudy } from "@/lib/results/test-db";
import { exportStudy, type ExportFormat } from "./export-response";

// Exports read raw responses in keyset pages inside one snapshot: the page
// size must never change the file, and the snapshot must be closed however
// the download ends (read to the end, abandoned, failed).

const snapshots = vi.hoisted(() => ({ opened: 0, closed: 0 }));
vi.mock("@/db/client", async (importOriginal) => {
  const client = await importOriginal<typeof import("@/db/client")>();
  return {
    ...client,
    openSnapshot: async () => {
      const snapshot = await client.openSnapshot();
      snapshots.opened++;
      let open = true;
      return {
        db: snapshot.db,
        async close() {
          if (open) snapshots.closed++;
          open = false;
          await snapshot.close();
        },
      };
    },
  };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function allClosed() {
  for (let waited = 0; snapshots.closed < snapshots.opened && waited < 3000; waited += 20) await sleep(20);
  return snapshots.closed === snapshots.opened;
}

/** Responses sharing submission times, so that page boundaries fall among equal timestamps (the keyset's tie-break on id). */
function submissionsFor(fixture: PublishedStudy, count: number): CustomerSubmission[] {
  const v2 = fixture.versions[1];
  return Array.from({ length: count }, (_, r) => ({
    answers: v2.snapshot.criteria.flatMap((c) =>
      c.items.map((i, k) =>
        r % 7 === 0 && k === 0 ? { itemId: i.id, expected: null, perceived: null } : { itemId: i.id, expected: 5, perceived: 1 + ((r + k) % 5) },
      ),
    ),
    comments: r % 11 === 0 ? [{ criterionId: v2.snapshot.criteria[r % 3].id, text: `comment ${r}, "quoted"` }] : [],
    weights: null,
    studyId: fixture.study.id,
    versionId: v2.id,
    snapshot: v2.snapshot,
    segment: r % 2 === 0 ? "Branch A" : "分店 B",
    language: "en",
    source: "api" as const,
    submittedAt: Date.UTC(2026, 9, 1 + (r % 4), 12),
  }));
}

describe("exports read in pages", () => {
  let done: () => Promise<void>;
  let fixture: PublishedStudy;
  const total = 230;
  beforeAll(async () => {
    done = await useTestDatabase("export-pages");
    fixture = await publishedStudy("pages");
    await storeCustomerResponses(submissionsFor(fixture, total));
  }, 60_000);
  afterAll(() => done());

  async function download(format: ExportFormat, pageSize?: number) {
    const outcome = await exportStudy(fixture.study, format, {}, "en", pageSize ? { pageSize } : {});
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.response;
  }

  it.each(["long", "wide"] as const)("%s CSV: pages of 7 give the same bytes as one page", async (format) => {
    const onePage = new Uint8Array(await (await download(format, 10_000)).arrayBuffer());
    const paged = new Uint8Array(await (await download(format, 7)).arrayBuffer());
    const standard = new Uint8Array(await (await download(format)).arrayBuffer());
    expect(onePage.length).toBeGreaterThan(total * 20);
    expect(Buffer.from(paged).equals(Buffer.from(onePage))).toBe(true);
    expect(Buffer.from(standard).equals(Buffer.from(onePage))).toBe(true);
    expect(await allClosed()).toBe(true);
  });

  it("XLSX: pages of 7 give the same cells as one page", { timeout: 30_000 }, async () => {
    async function sheets(pageSize: number) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await (await download("xlsx", pageSize)).arrayBuffer()) as unknown as ExcelJS.Buffer);
      return workbook.worksheets.map((sheet) => ({
        name: sheet.name,
        // The Summary's export time is the only cell that may differ.
        rows: (sheet.getSheetValues() as unknown[][]).filter((row) => row?.[1] !== "exported_at"),
      }));
    }
    const onePage = await sheets(10_000);
    expect(onePage.find((s) => s.name === "Responses")!.rows.length).toBe(total + 1);
    expect(await sheets(7)).toEqual(onePage);
    expect(await allClosed()).toBe(true);
  });

  it.each(["long", "xlsx"] as const)("%s: a download abandoned after its first bytes closes the snapshot", async (format) => {
    const before = snapshots.opened;
    const reader = (await download(format, 7)).body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(snapshots.opened).toBe(before + 1);
    expect(await allClosed()).toBe(true);
  });

  it("a download never read closes the snapshot when it is cancelled", async () => {
    await (await download("wide", 7)).body!.cancel();
    expect(await allClosed()).toBe(true);
  });
});
