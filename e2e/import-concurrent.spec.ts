import { expect, test } from "./fixtures";
import { createFixtureStudy, kpis } from "./dashboard-helpers";
import { getDb } from "@/db/client";
import { latestVersion } from "@/db/queries/studies";
import { wideCsv } from "@/lib/imports/test-files";

// An import runs in the background while customers keep submitting and a
// manager keeps reading the dashboard: the submits are stored as they come,
// every reading shows either none of the import or all of it (never part),
// and at the end the dashboard counts both.

const imported = 20_000;
const submits = 20;

test("an import while others submit and read the dashboard: all of it or none of it at every moment", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  test.setTimeout(180_000);
  const key = await workspace.apiKey("manager");
  const headers = { authorization: `Bearer ${key}` };
  const studyId = await createFixtureStudy(request, key, "Import under load");
  const snapshot = (await latestVersion(getDb(), studyId))!.snapshot;
  const csv = wideCsv(snapshot, imported, { segments: ["Branch A", "Branch B"], from: Date.UTC(2026, 9, 1), days: 30, idPrefix: "paper-" });
  await signedInAs(await workspace.member("manager"));

  const posted = await request.post(`/api/v1/studies/${studyId}/imports`, { headers: { ...headers, "content-type": "text/csv" }, data: csv });
  expect(posted.status(), await posted.text()).toBe(202);
  const { job } = (await posted.json()) as { job: string };
  const jobNow = async () => (await (await request.get(`/api/v1/jobs/${job}`, { headers })).json()) as { state: string; progress: { done: number } };
  const state = async () => (await jobNow()).state;

  // Another client: one survey response at a time through the API.
  const answers = snapshot.criteria.flatMap((c) => c.items).map((i) => ({ item: i.id, expected: 5, perceived: 3 }));
  let submitted = 0;
  const submitter = (async () => {
    for (let n = 0; n < submits; n++) {
      const r = await request.post(`/api/v1/studies/${studyId}/responses`, {
        headers,
        data: { responses: [{ id: `live-${n}`, segment: "Branch A", answers }] },
      });
      expect(r.status(), await r.text()).toBe(201);
      submitted++;
    }
  })();

  // The manager: the dashboard and the results API, read over and over until the import ended.
  const seen: { n: number; running: boolean; storing: boolean; from: string }[] = [];
  for (let i = 0; i < 400; i++) {
    const now = await jobNow();
    const running = now.state !== "succeeded";
    // Part of the file already stored (staged), not yet visible.
    const storing = now.state === "running" && now.progress.done > 0;
    const results = (await (await request.get(`/api/v1/studies/${studyId}/results`, { headers })).json()) as { n: number };
    seen.push({ n: results.n, running, storing, from: "api" });
    await page.goto(`/studies/${studyId}/results`);
    const shown = Number(((await kpis(page)).n ?? "").replace(/[^\d]/g, ""));
    seen.push({ n: shown, running, storing, from: "dashboard" });
    if (!running && submitted === submits) break;
  }
  await submitter;

  expect(await state()).toBe("succeeded");
  // Readings taken while the import was storing (else this test proved nothing).
  expect(seen.filter((s) => s.storing).length).toBeGreaterThan(0);
  const partial = seen.filter((s) => !(s.n <= submits || (s.n >= imported && s.n <= imported + submits)));
  expect(partial, "a reading showed part of the import").toEqual([]);

  await page.goto(`/studies/${studyId}/results`);
  expect(Number(((await kpis(page)).n ?? "").replace(/[^\d]/g, ""))).toBe(imported + submits);
});
