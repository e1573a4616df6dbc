import ExcelJS from "exceljs";
import { parse as parseCsvRecords } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { useTestDatabase } from "@/db/testing";
import { publishedStudy, type PublishedStudy } from "@/lib/results/test-db";
import { contentDisposition, exportStudy, type ExportFormat } from "./export-response";
import type { ResultsFilter } from "@/lib/validation/results-filter";

/** Reads a download back with csv-parse (the importer's parser), written apart from the writer. */
function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, { bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
}

describe("download names", () => {
  it("names the file after the study, also in Chinese", () => {
    const header = contentDisposition("前台 2026/Q4", "xlsx", new Date(Date.UTC(2026, 10, 2)));
    expect(header).toContain('filename="_ 2026 Q4 - xlsx - 2026-11-02.xlsx"');
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent("前台 2026 Q4 - xlsx - 2026-11-02.xlsx")}`);
  });
});

function submissionsFor(fixture: PublishedStudy, count: number): CustomerSubmission[] {
  const v2 = fixture.versions[1];
  const submissions: CustomerSubmission[] = [];
  for (let r = 0; r < count; r++) {
    const answers = v2.snapshot.criteria.flatMap((c) =>
      c.items.map((i, k) =>
        r % 7 === 0 && k === 0 ? { itemId: i.id, expected: null, perceived: null } : { itemId: i.id, expected: 5, perceived: 1 + ((r + k) % 5) },
      ),
    );
    submissions.push({
      answers,
      comments: r === 3 ? [{ criterionId: v2.snapshot.criteria[0].id, text: '服務太慢, "真的"\n=SUM(A1)' }] : [],
      weights: null,
      studyId: fixture.study.id,
      versionId: v2.id,
      snapshot: v2.snapshot,
      segment: r % 2 === 0 ? "Branch A" : "分店 B",
      language: r % 3 === 0 ? "zh-Hant" : "en",
      source: "api",
      submittedAt: Date.UTC(2026, 9, 1 + (r % 20), 12),
    });
  }
  return submissions;
}

describe("exports of raw responses and results", () => {
  let done: () => Promise<void>;
  let fixture: PublishedStudy;
  const total = 1100; // more than two batches of 500
  beforeAll(async () => {
    done = await useTestDatabase("export");
    fixture = await publishedStudy("導出 export");
    await storeCustomerResponses(submissionsFor(fixture, total));
  }, 60_000);
  afterAll(() => done());

  async function download(format: ExportFormat, filter: ResultsFilter = {}) {
    const outcome = await exportStudy(fixture.study, format, filter, "en");
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.response;
  }

  it("long CSV: BOM, one row per response × item, scored values and the comment intact", async () => {
    const response = await download("long");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    const [header, ...data] = rows;
    expect(header.slice(0, 11)).toEqual([
      "response_id",
      "submitted_at",
      "version",
      "segment",
      "language",
      "criterion",
      "item",
      "expected",
      "perceived",
      "gap",
      "comment",
    ]);
    const itemsPerResponse = fixture.versions[1].snapshot.criteria.reduce((s, c) => s + c.items.length, 0);
    expect(data.length).toBe(total * itemsPerResponse);
    expect(new Set(data.map((r) => r[0])).size).toBe(total);
    const col = (name: string) => header.indexOf(name);
    // b0 became reverse-scored in version 2: answered 5 counts as 1.
    const b0 = data.find((r) => r[col("item")] === "b0" && r[col("answer")] === "rated")!;
    expect(b0[col("expected")]).toBe("1");
    expect(b0[col("expected_as_answered")]).toBe("5");
    expect(Number(b0[col("gap")])).toBe(Number(b0[col("expected")]) - Number(b0[col("perceived")]));
    const na = data.filter((r) => r[col("answer")] === "not_applicable");
    expect(na.length).toBe(Math.ceil(total / 7) * 3);
    expect(na.every((r) => r[col("expected")] === "" && r[col("gap")] === "")).toBe(true);
    // The criterion's comment once per response, on its first item's row.
    const commented = data.filter((r) => r[col("comment")] !== "");
    expect(commented.length).toBe(1);
    expect(commented[0][col("item")]).toBe(fixture.versions[1].snapshot.criteria[0].items[0].key);
    expect(commented[0][col("comment")]).toBe('服務太慢, "真的"\n=SUM(A1)');
    expect(data.some((r) => r[col("segment")] === "分店 B")).toBe(true);
  });

  it("wide CSV: one row per response, filtered like the dashboard", async () => {
    const rows = parseCsv(
      (await (await download("wide", { segment: "Branch A", from: "2026-10-02", to: "2026-10-05" })).text()).replace(/^\uFEFF/, ""),
    );
    const [header, ...data] = rows;
    expect(header).toContain("a0.expected");
    expect(header).toContain("a4.perceived"); // only in version 1: still a column, empty here
    // b0 is reverse-scored in the newest version: its columns say so.
    expect(header).toContain("b0_R.expected");
    expect(header).not.toContain("b0.expected");
    let expected = 0;
    for (let r = 0; r < total; r++) if (r % 2 === 0 && 1 + (r % 20) >= 2 && 1 + (r % 20) <= 5) expected++;
    expect(data.length).toBe(expected);
    expect(data.every((r) => r[header.indexOf("segment")] === "Branch A")).toBe(true);
    expect(data.every((r) => r[header.indexOf("a4.perceived")] === "")).toBe(true);
  });

  it("summary CSV holds the overall, criterion and item rows of the results", async () => {
    const rows = parseCsv((await (await download("summary")).text()).replace(/^\uFEFF/, ""));
    const [header, overall, ...rest] = rows;
    expect(overall[header.indexOf("level")]).toBe("overall");
    expect(Number(overall[header.indexOf("n")])).toBe(total);
    expect(rest.filter((r) => r[0] === "criterion").length).toBe(3);
    // 12 items of version 2 and a4, which only version 1 had.
    expect(rest.filter((r) => r[0] === "item").length).toBe(13);
  });

  it("codebook CSV: every item of every version with its texts, weight, reverse flag, anchors and wide columns", async () => {
    const rows = parseCsv((await (await download("codebook")).text()).replace(/^\uFEFF/, ""));
    const [header, ...data] = rows;
    const col = (name: string) => header.indexOf(name);
    const items = fixture.versions.reduce((s, v) => s + v.snapshot.criteria.reduce((t, c) => t + c.items.length, 0), 0);
    expect(data.length).toBe(items);
    const languages = fixture.study.languages;
    for (const l of languages) expect(header).toContain(`item_text_${l}`);
    const b0 = data.find((r) => r[col("item")] === "b0" && r[col("version")] === "2")!;
    expect(b0[col("reverse_scored")]).toBe("true");
    expect(b0[col("wide_columns")]).toBe("b0_R.expected b0_R.perceived");
    expect(b0[col("scale_max")]).toBe(String(fixture.versions[1].snapshot.scale));
    if (languages.includes("en")) expect(b0[col("anchor_min_en")]).toBe("Very low");
    const b0v1 = data.find((r) => r[col("item")] === "b0" && r[col("version")] === "1")!;
    expect(b0v1[col("reverse_scored")]).toBe("false");
    const criterion = fixture.versions[1].snapshot.criteria[1];
    expect(Number(b0[col("weight")])).toBe(criterion.weight);
  });

  it("five-gaps CSV: a row per gap × criterion and one per gap's whole, the groups compared named", async () => {
    const rows = parseCsv((await (await download("gaps")).text()).replace(/^\uFEFF/, ""));
    const [header, ...data] = rows;
    const criteria = fixture.versions[1].snapshot.criteria.length;
    expect(data.length).toBe(5 * (criteria + 1));
    const gap5 = data.filter((r) => r[header.indexOf("gap")] === "5" && r[header.indexOf("criterion")] !== "all");
    expect(gap5.every((r) => r[header.indexOf("group_a")] === "E" && r[header.indexOf("group_b")] === "P")).toBe(true);
    // Gap 5 of a criterion is its customers' E − P.
    const first = gap5[0];
    expect(Number(first[header.indexOf("value")])).toBeCloseTo(Number(first[header.indexOf("mean_a")]) - Number(first[header.indexOf("mean_b")]), 12);
    expect(Number(first[header.indexOf("n_a")])).toBeGreaterThan(0);
    // No staff answered: gap 1's management side is empty, not zero.
    const gap1 = data.find((r) => r[header.indexOf("gap")] === "1" && r[header.indexOf("criterion")] !== "all")!;
    expect(gap1[header.indexOf("value")]).toBe("");
    expect(gap1[header.indexOf("n_b")]).toBe("0");
  });

  it(
    "XLSX for the dashboard: analysis sheets headed in the reader's language, the Responses sheet keeps its codes",
    { timeout: 60_000 },
    async () => {
      const outcome = await exportStudy(fixture.study, "xlsx", {}, "zh-Hant", { headings: "zh-Hant" });
      if (!outcome.ok) throw new Error(outcome.reason);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await outcome.response.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const header = (sheet: string) => (workbook.getWorksheet(sheet)!.getRow(1).values as unknown[]).slice(1);
      expect(header("Criteria").slice(0, 4)).toEqual(["準則", "名稱", "權重", "n"]);
      expect(header("Five gaps")).toContain("可能原因");
      expect(header("Codebook")).toContain("題目文字（English）");
      expect(header("Responses")[0]).toBe("response_id");
      const figures: unknown[] = [];
      workbook.getWorksheet("Summary")!.eachRow((row) => figures.push(row.getCell(1).value));
      expect(figures).toContain("回覆數");
      expect(figures).not.toContain("responses");
    },
  );

  it("XLSX opens with its six sheets and every response; fractions display rounded, stay exact", { timeout: 60_000 }, async () => {
    const buffer = Buffer.from(await (await download("xlsx")).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Criteria", "Items", "Five gaps", "Codebook", "Responses"]);
    const fractions: ExcelJS.Cell[] = [];
    workbook.getWorksheet("Criteria")!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "number" && !Number.isInteger(cell.value)) fractions.push(cell);
      }),
    );
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((cell) => cell.numFmt === "0.000")).toBe(true);
    const responses = workbook.getWorksheet("Responses")!;
    expect(responses.actualRowCount).toBe(total + 1);
    const summary = workbook.getWorksheet("Summary")!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get("responses")).toBe(total);
    expect(figures.get("study")).toBe("導出 export");
    expect(workbook.getWorksheet("Criteria")!.actualRowCount).toBe(4);
  });

  it("reads one snapshot: responses submitted during a download are not in the file", { timeout: 60_000 }, async () => {
    const other = await publishedStudy("snapshot");
    await storeCustomerResponses(submissionsFor(other, 1200));
    const outcome = await exportStudy(other.study, "wide", {}, "en");
    if (!outcome.ok) throw new Error(outcome.reason);
    const reader = outcome.response.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);
    // The download has begun; now more customers submit.
    await storeCustomerResponses(submissionsFor(other, 700).map((s) => ({ ...s, submittedAt: s.submittedAt + 86_400_000 * 30 })));
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    const rows = parseCsv(new TextDecoder().decode(Buffer.concat(chunks)).replace(/^\uFEFF/, ""));
    expect(rows.length - 1).toBe(1200);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1200);
  });

  it("refuses an unknown version", async () => {
    expect(await exportStudy(fixture.study, "long", { version: 9 }, "en")).toEqual({ ok: false, reason: "unknownVersion" });
  });
});
