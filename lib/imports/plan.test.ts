import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { VersionSnapshot } from "@/db/schema";
import { csvLine, type Cell } from "@/lib/exports/csv";
import { detectFormat } from "./read-rows";
import { importLimits, planImport } from "./plan";
import { formatProblem } from "./problems";
import type { ImportContext, ImportVersion } from "./resolve";

// A 5-point study: s2 is reverse-scored in both versions; version 2 adds s3.
const item = (key: string, reverse = false) => ({ id: `id-${key}`, key, text: { en: key }, reverse });
const snapshot = (extra: boolean): VersionSnapshot => ({
  scale: 5,
  languages: ["en", "zh-Hant"],
  provider: "Harbour Hotel",
  askImportance: true,
  criteria: [
    {
      id: "id-speed",
      key: "speed",
      name: { en: "Speed" },
      description: {},
      weight: 60,
      items: [item("s1"), item("s2", true), ...(extra ? [item("s3")] : [])],
    },
    { id: "id-care", key: "care", name: { en: "Care" }, description: {}, weight: 40, items: [item("c1"), item("c2")] },
  ],
});
const versions: ImportVersion[] = [
  { id: "v1", number: 1, snapshot: snapshot(false) },
  { id: "v2", number: 2, snapshot: snapshot(true) },
];
const now = Date.UTC(2026, 10, 1);
const context = (over: Partial<ImportContext> = {}): ImportContext => ({ versions, segments: ["Branch A", "分店 B"], sign: "e-p", now, ...over });
const csv = (rows: Cell[][]) => "\uFEFF" + rows.map(csvLine).join("");

const longHeader = [
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
  "reverse_scored",
  "answer",
  "expected_as_answered",
  "perceived_as_answered",
  "importance",
];
const at = "2026-10-01T12:00:00.000Z";
// r1 answered s2 (reverse) 5/2 → scored 1/4, gap −3; s1 N/A; c2 not shown.
const longRows: Cell[][] = [
  longHeader,
  ["r1", at, 1, "分店 B", "zh-Hant", "speed", "s1", null, null, null, '太慢, "真的"\n=SUM(A1)', false, "not_applicable", null, null, 70],
  ["r1", at, 1, "分店 B", "zh-Hant", "speed", "s2", 1, 4, -3, '太慢, "真的"\n=SUM(A1)', true, "rated", 5, 2, 70],
  ["r1", at, 1, "分店 B", "zh-Hant", "care", "c1", 4, 4, 0, null, false, "rated", 4, 4, 30],
  ["r1", at, 1, "分店 B", "zh-Hant", "care", "c2", null, null, null, null, false, "no_answer", null, null, 30],
];

describe("format detection", () => {
  it("tells long from wide by the header", async () => {
    expect(detectFormat(longHeader)).toBe("long");
    expect(detectFormat(["response_id", "s1.expected", "s1.perceived"])).toBe("wide");
    expect(detectFormat(["response_id", "rating"])).toBeNull();
    expect((await planImport("response_id,rating\nr1,5\n", context())).problems).toMatchObject([{ row: 1, code: "unknownFormat" }]);
  });
});

describe("the long format", () => {
  it("stores the ratings as answered, N/A as a null pair, leaves unanswered items out", async () => {
    const plan = await planImport(csv(longRows), context());
    expect(plan.problems).toEqual([]);
    expect(plan.format).toBe("long");
    const [r] = plan.responses;
    expect(r).toMatchObject({ responseId: "r1", row: 2, segment: "分店 B", language: "zh-Hant", submittedAt: Date.parse(at) });
    expect(r.version.id).toBe("v1");
    expect(r.value.answers).toEqual([
      { itemId: "id-s1", expected: null, perceived: null },
      { itemId: "id-s2", expected: 5, perceived: 2 },
      { itemId: "id-c1", expected: 4, perceived: 4 },
    ]);
    expect(r.value.comments).toEqual([{ criterionId: "id-speed", text: '太慢, "真的"\n=SUM(A1)' }]);
    expect(r.value.weights).toEqual({ "id-speed": 70, "id-care": 30 });
    expect(plan.summary).toMatchObject({
      rows: 4,
      found: 1,
      responses: 1,
      versions: [{ number: 1, responses: 1 }],
      segments: [{ name: "分店 B", responses: 1 }],
    });
  });

  it("recovers answered ratings from scored values when the as-answered columns are missing", async () => {
    const keep = ["response_id", "item", "expected", "perceived"];
    const rows = longRows.map((row) => keep.map((name) => row[longHeader.indexOf(name)]));
    const plan = await planImport(csv(rows), context());
    expect(plan.problems).toEqual([]);
    // No version column: the latest; the empty c2 pair reads as N/A.
    expect(plan.responses[0].version.id).toBe("v2");
    expect(plan.responses[0].value.answers).toContainEqual({ itemId: "id-s2", expected: 5, perceived: 2 });
    expect(plan.responses[0].value.answers).toContainEqual({ itemId: "id-c2", expected: null, perceived: null });
    expect(plan.responses[0].submittedAt).toBe(now);
  });

  it("cross-checks the gap against the declared sign convention and never stores it", async () => {
    const ours = await planImport(csv(longRows), context({ sign: "p-e" }));
    expect(ours.responses).toEqual([]);
    expect(ours.problems.map(formatProblem)).toEqual(["row 3, column gap: The gap should be 3 (perceived − expected, as declared)."]);
    const servqual = longRows.map((row, i) => (i === 0 || row[9] === null ? row : row.map((v, k) => (k === 9 ? -(v as number) : v))));
    expect((await planImport(csv(servqual), context({ sign: "p-e" }))).problems).toEqual([]);
    expect((await planImport(csv(servqual), context({ sign: "e-p" }))).problems).toMatchObject([{ row: 3, column: "gap", code: "gapMismatch" }]);
  });
});

describe("the wide format", () => {
  const header = [
    "response_id",
    "submitted_at",
    "version",
    "segment",
    "language",
    "s1.expected",
    "s1.perceived",
    "s2.expected",
    "s2.perceived",
    "s3.expected",
    "s3.perceived",
    "c1.expected",
    "c1.perceived",
    "c2.expected",
    "c2.perceived",
    "speed.comment",
    "care.comment",
    "speed.importance",
    "care.importance",
  ];

  it("reads one response per row, un-reversing scored values, empty pairs as N/A", async () => {
    const plan = await planImport(
      csv([
        header,
        ["r1", at, 1, "Branch A", "en", null, null, 1, 4, null, null, 4, 4, 2, 3, "'=too slow", null, 50, 50],
        ["r2", at, 2, "", "en", 3, 3, 2, 2, 5, 1, 4, 4, 2, 3, null, "kind", null, null],
      ]),
      context(),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.format).toBe("wide");
    const [r1, r2] = plan.responses;
    expect(r1.value.answers).toEqual([
      { itemId: "id-s1", expected: null, perceived: null },
      { itemId: "id-s2", expected: 5, perceived: 2 },
      { itemId: "id-c1", expected: 4, perceived: 4 },
      { itemId: "id-c2", expected: 2, perceived: 3 },
    ]);
    expect(r1.value.comments).toEqual([{ criterionId: "id-speed", text: "=too slow" }]);
    expect(r1.value.weights).toEqual({ "id-speed": 50, "id-care": 50 });
    expect(r2.version.id).toBe("v2");
    expect(r2.value.answers).toContainEqual({ itemId: "id-s3", expected: 5, perceived: 1 });
    expect(r2.value.weights).toBeNull();
  });

  it("reports ratings for an item the response's version does not have", async () => {
    const plan = await planImport(csv([header, ["r1", at, 1, "", "en", 1, 1, 1, 1, 5, 1, 1, 1, 1, 1, null, null, null, null]]), context());
    expect(plan.problems.map(formatProblem)).toEqual(['row 2, column s3.expected: "id-s3" is not an item of version 1.']);
  });
});

describe("the problem report", () => {
  it("names every problem by spreadsheet row and column and stores nothing", async () => {
    const rows: Cell[][] = [
      ["response_id", "submitted_at", "version", "segment", "item", "expected", "perceived", "comment", "importance"],
      ["a", at, 1, "Branch A", "s1", 5, 3, "two\nlines", null], // row 2 spans two lines in a text editor
      ["a", at, 1, "Branch A", "s2", 8, 3, null, null], // row 3: out of range
      ["a", at, 1, "Branch A", "zz", 5, 3, null, null], // row 4: unknown item
      ["b", "yesterday", 1, "Branch C", "s1", 5, null, null, null], // row 5: date, segment, half pair
      ["c", at, 7, "", "s1", 5, 5, null, null], // row 6: unknown version
      ["d", at, 2, "", "s1", "five", 5, null, null], // row 7: not a number
      ["e", at, 2, "", "s1", 5, 5, null, 60], // row 8: importance sums to 60
      ["a", "2026-10-02T12:00:00Z", 1, "Branch A", "c1", 5, 5, null, null], // row 9: disagrees with row 2
      ["", at, 1, "", "s1", 5, 5, null, null], // row 10: no id
    ];
    const plan = await planImport(csv(rows), context());
    expect(plan.responses).toEqual([]);
    expect(plan.problems.map(formatProblem)).toEqual([
      "row 3, column expected: Ratings are whole numbers from 1 to 5.",
      'row 4, column item: "zz" is not an item of version 1.',
      "row 5, column submitted_at: Not a date and time; use ISO 8601, e.g. 2026-11-01T10:00:00Z.",
      "row 5, column segment: Unknown segment; this study has: Branch A, 分店 B.",
      "row 5, column expected: Rate both expected and perceived, or leave both empty (N/A).",
      "row 6, column version: This study has no version 7.",
      "row 7, column expected: Not a number.",
      "row 8, column importance: The importance points must sum to exactly 100.",
      'row 9, column submitted_at: Rows of the same response disagree: row 2 says "2026-10-01T12:00:00.000Z".',
      "row 10, column response_id: The response id is empty.",
    ]);
  });

  it("reports a missing column, a duplicate response and a broken quote", async () => {
    expect((await planImport("response_id,item,expected\nr1,s1,5\n", context())).problems.map(formatProblem)).toEqual([
      'row 1, column perceived: The column "perceived" is missing.',
    ]);
    const wide = await planImport("response_id,s1.expected,s1.perceived\nr1,5,5\nr1,4,4\n", context());
    expect(wide.problems.map(formatProblem)).toEqual(["row 3, column response_id: This response id already appears in row 2."]);
    expect((await planImport('response_id,item,expected,perceived\nr1,s1,"5,5\n', context())).problems).toMatchObject([
      { row: 2, code: "unterminatedQuote" },
    ]);
    expect((await planImport("\uFEFF\r\n", context())).problems).toMatchObject([{ code: "emptyFile" }]);
  });

  it("refuses a scored value that contradicts the rating as answered", async () => {
    const rows = longRows.map((row, i) => (i === 2 ? row.map((v, k) => (k === 7 ? 2 : v)) : row));
    expect((await planImport(csv(rows), context())).problems.map(formatProblem)).toEqual([
      "row 3, column expected: The scored value should be 1 for the rating as answered.",
    ]);
  });

  it("refuses a file whose reverse flags differ from the study's", async () => {
    const rows = longRows.map((row, i) => (i === 3 ? row.map((v, k) => (k === 11 ? true : v)) : row));
    expect((await planImport(csv(rows), context())).problems).toMatchObject([{ row: 4, column: "reverse_scored", code: "reverseMismatch" }]);
  });
});

describe("size limits", () => {
  it("refuses more rows than the limit, and text that is not UTF-8, with a clear problem", async () => {
    const saved = { ...importLimits };
    try {
      importLimits.rows = 2;
      expect((await planImport("response_id,s1.expected,s1.perceived\nr1,5,5\nr2,5,5\n", context())).problems).toEqual([]);
      expect((await planImport("response_id,s1.expected,s1.perceived\nr1,5,5\nr2,5,5\nr3,5,5\n", context())).problems.map(formatProblem)).toEqual([
        "row 1: The file has more than 2 rows; split it into smaller files.",
      ]);
    } finally {
      Object.assign(importLimits, saved);
    }
    const latin1 = await planImport(new Uint8Array([0x72, 0x2c, 0xe9, 0x0a]), context());
    expect(latin1.problems.map((p) => p.code)).toEqual(["notUtf8"]);
    expect(latin1.responses).toEqual([]);
  });
});

describe("XLSX files", () => {
  const workbook = async (sheets: [string, Cell[][]][]) => {
    const book = new ExcelJS.Workbook();
    for (const [name, rows] of sheets) book.addWorksheet(name).addRows(rows);
    return new Uint8Array(await book.xlsx.writeBuffer());
  };

  it("reads the first sheet with a response_id column, numbers and all, and says it read a workbook", async () => {
    const file = await workbook([
      [
        "Summary",
        [
          ["figure", "value"],
          ["responses", 1],
        ],
      ],
      [
        "Responses",
        [
          ["response_id", "s1.expected", "s1.perceived", "s2_R.expected", "s2_R.perceived"],
          ["r1", 5, 4, 2, 3],
        ],
      ],
    ]);
    const plan = await planImport(file, context());
    expect(plan.problems).toEqual([]);
    expect(plan.summary.readAs).toBe("xlsx");
    expect(plan.responses).toHaveLength(1);
    expect(plan.responses[0].value.answers).toEqual(
      expect.arrayContaining([expect.objectContaining({ itemId: "id-s1", expected: 5, perceived: 4 })]),
    );
  });

  it("says so when no sheet has responses, and when a zip is not a workbook", async () => {
    const none = await planImport(
      await workbook([
        [
          "Sheet1",
          [
            ["name", "score"],
            ["a", 1],
          ],
        ],
      ]),
      context(),
    );
    expect(none.problems.map((p) => p.code)).toEqual(["noResponsesSheet"]);
    const broken = await planImport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), context());
    expect(broken.problems.map((p) => p.code)).toEqual(["notXlsx"]);
  });

  it("an empty upload is reported as an empty file", async () => {
    expect((await planImport(new Uint8Array(0), context())).problems.map((p) => p.code)).toEqual(["emptyFile"]);
  });
});
