import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { parse as parseCsvRecords } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { versions } from "@/db/schema";
import { latestVersion } from "@/db/queries/studies";
import { storeCustomerResponses } from "@/lib/responses/store-customer";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { studyCreateSchema } from "@/lib/validation/study";

// A hand-checked fixture for the dashboard tests, created through the REST
// API like an integration would. 5-point scale, two criteria weighted 60/40,
// s4 reverse-scored, one N/A pair.
//
// Respondent criterion means (s4 reverse: stored x counts as 6 − x):
//   speed  R1 E 4.75 P 3.75 | R2 E 4    P 8/3 (s3 N/A) | R3 E 5   P 4.25
//   care   R1 E 4.5  P 4.5  | R2 E 4.5  P 4.25         | R3 E 3.5 P 4.25
// Ē_speed = 13.75/3, P̄_speed = 32/9, Ē_care = 12.5/3, P̄_care = 13/3
// EQ = .6·13.75/3 + .4·12.5/3 = 4.41667   PQ = .6·32/9 + .4·13/3 = 3.86667
// SQ = 0.55. Segment "Branch B" alone (R2): EQ 4.20, PQ 3.30, SQ 0.90.
// Each respondent's weighted gap SQ_r = Σ w_c·g_rc (the follow-up list's order):
//   R1 .6·1 + .4·0 = 0.60 | R2 .6·4/3 + .4·0.25 = 0.90 | R3 .6·0.75 + .4·(−0.75) = 0.15

export const expected = {
  all: { eq: "4.42", pq: "3.87", sq: "+0.55", n: "3" },
  branchB: { eq: "4.20", pq: "3.30", sq: "+0.90", n: "1" },
  s1Gap: "+1.67",
  comment: '太慢了, 等了"很久"',
};

type Pair = [number, number] | null;

const respondents: { id: string; segment: string; day: string; language: "en" | "zh-Hant"; ratings: Record<string, Pair>; comment?: string }[] = [
  {
    id: "r1",
    segment: "Branch A",
    day: "2026-10-01",
    language: "zh-Hant",
    ratings: { s1: [5, 3], s2: [5, 4], s3: [4, 4], s4: [1, 2], c1: [4, 4], c2: [4, 5], c3: [5, 5], c4: [5, 4] },
    comment: expected.comment,
  },
  {
    id: "r2",
    segment: "Branch B",
    day: "2026-10-02",
    language: "en",
    ratings: { s1: [4, 2], s2: [4, 3], s3: null, s4: [2, 3], c1: [5, 5], c2: [5, 4], c3: [4, 4], c4: [4, 4] },
  },
  {
    id: "r3",
    segment: "Branch A",
    day: "2026-10-03",
    language: "en",
    ratings: { s1: [5, 4], s2: [5, 5], s3: [5, 3], s4: [1, 1], c1: [3, 4], c2: [4, 4], c3: [4, 5], c4: [3, 4] },
  },
];

const item = (key: string, text: string, reverse = false) => ({ key, text: { en: text, "zh-Hant": `${text}(中)` }, reverse });

export async function createFixtureStudy(request: APIRequestContext, apiKey: string, name = "Front desk 2026 Q4") {
  const headers = { authorization: `Bearer ${apiKey}` };
  const created = await request.post("/api/v1/studies", {
    headers,
    data: {
      name,
      provider: "Harbour Hotel",
      scale: 5,
      languages: ["en", "zh-Hant"],
      segments: ["Branch A", "Branch B"],
      criteria: [
        {
          key: "speed",
          name: { en: "Speed", "zh-Hant": "速度" },
          weight: 60,
          items: [
            item("s1", "Serves me quickly"),
            item("s2", "Answers the phone at once"),
            item("s3", "Check-in takes minutes"),
            item("s4", "I had to wait too long", true),
          ],
        },
        {
          key: "care",
          name: { en: "Care", "zh-Hant": "關懷" },
          weight: 40,
          items: [
            item("c1", "Staff are friendly"),
            item("c2", "Staff listen"),
            item("c3", "Staff remember me"),
            item("c4", "Staff go the extra mile"),
          ],
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const study = (await created.json()) as { id: string };
  const published = await request.post(`/api/v1/studies/${study.id}/versions`, { headers });
  expect(published.status(), await published.text()).toBe(201);
  // The respondents answered in October 2026; the API refuses a response dated before its version was published.
  await backdateVersions(study.id, Date.UTC(2026, 8, 1));
  return study.id;
}

/** Sets every published version of the study to `publishedAt` (for fixtures whose responses are dated in the past). */
export async function backdateVersions(studyId: string, publishedAt: number) {
  await transaction((tx) => tx.update(versions).set({ publishedAt }).where(eq(versions.studyId, studyId)));
}

export async function postFixtureResponses(request: APIRequestContext, apiKey: string, studyId: string) {
  const response = await request.post(`/api/v1/studies/${studyId}/responses`, {
    headers: { authorization: `Bearer ${apiKey}` },
    data: {
      responses: respondents.map((r) => ({
        id: r.id,
        submittedAt: `${r.day}T10:00:00Z`,
        segment: r.segment,
        language: r.language,
        answers: Object.entries(r.ratings).map(([key, pair]) => ({ item: key, expected: pair ? pair[0] : null, perceived: pair ? pair[1] : null })),
        ...(r.comment ? { comments: { speed: r.comment } } : {}),
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** recharts draws after hydration: wait until `count` charts have their SVG. */
export async function waitForCharts(page: Page, count: number) {
  // Legend icons are small recharts surfaces too: count the charts' own root SVGs.
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface")).toHaveCount(count, { timeout: 15_000 });
}

export async function kpis(page: Page) {
  const value = async (id: string) => (await page.getByTestId(id).locator(".kpi").textContent())?.trim();
  return { eq: await value("kpi-eq"), pq: await value("kpi-pq"), sq: await value("kpi-sq"), n: await value("kpi-n") };
}

/** The rows of a CSV download, read with csv-parse (the importer's parser, written apart from the writer). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, { bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
}

/**
 * A realistic study made through the library: the default six criteria with
 * generated hotel questions, `count` random responses over six weeks.
 */
export async function seedRealisticStudy(workspaceId: string, count: number) {
  const created = await createStudy(
    workspaceId,
    studyCreateSchema.parse({
      name: "Harbour Hotel 2026",
      provider: "Harbour Hotel",
      industry: "hotel",
      languages: ["en", "zh-Hant"],
      seed: 7,
      segments: ["Harbour", "Airport"],
    }),
  );
  const published = await publishDraft(workspaceId, created.id, null);
  if (!published.ok) throw new Error("publish failed");
  const version = (await latestVersion(getDb(), created.id))!;
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
  const rating = (base: number) => Math.max(1, Math.min(7, Math.round(base + (rnd() - 0.5) * 3)));
  const start = Date.UTC(2026, 8, 1);
  await storeCustomerResponses(
    Array.from({ length: count }, (_, r) => ({
      answers: version.snapshot.criteria.flatMap((c, ci) =>
        c.items.map((i) =>
          rnd() < 0.05
            ? { itemId: i.id, expected: null, perceived: null }
            : { itemId: i.id, expected: rating(6.2), perceived: rating(6.4 - ci * 0.35) },
        ),
      ),
      comments:
        r % 9 === 0
          ? [
              {
                criterionId: version.snapshot.criteria[4].id,
                text: r % 2 ? "Nobody called me back about the broken shower." : "退房時等了二十分鐘，沒有人道歉。",
              },
            ]
          : [],
      weights: null,
      studyId: created.id,
      versionId: version.id,
      snapshot: version.snapshot,
      segment: r % 3 === 0 ? "Airport" : "Harbour",
      language: r % 4 === 0 ? "zh-Hant" : "en",
      source: "import" as const,
      submittedAt: start + Math.floor((r / count) * 42 * 86_400_000),
    })),
  );
  return created.id;
}
