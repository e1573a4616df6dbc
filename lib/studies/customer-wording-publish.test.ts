import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findStudy, latestVersion, loadDraft } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { surveySteps } from "@/lib/survey/steps";
import { emptyValues } from "@/lib/survey/step-values";
import { renderStep } from "@/ui/survey/step-views";
import { surveyTranslator } from "@/ui/survey/translator";
import { addCriterion, updateCriterionText } from "./draft";
import { publishDraft, snapshotOf } from "./publish";
import { testStudy, testWorkspace } from "./test-db";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("customer-wording");
});
afterAll(() => done());

/** The survey page of the snapshot's criterion `index`, as a customer reading `locale` gets it. */
function surveyPage(snapshot: Parameters<typeof surveySteps>[0], index: number, locale: "en" | "zh-Hant") {
  const steps = surveySteps(snapshot);
  return String(
    renderStep({
      t: surveyTranslator(locale),
      locale,
      token: "t",
      provider: snapshot.provider,
      snapshot,
      stepCount: steps.length,
      step: steps[index + 1],
      responseId: "r",
      versionId: "v",
      values: emptyValues(),
      fieldErrors: {},
      resumed: false,
      started: true,
      segments: [],
    }),
  );
}

describe("customer titles", () => {
  it("show customers the plain title and line, not the method's name and definition", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    const draft = await loadDraft(getDb(), study.id);
    const recovery = draft.findIndex((c) => c.key === "recovery");
    const page = surveyPage(snapshotOf((await findStudy(getDb(), workspaceId, study.id))!, draft), recovery, "zh-Hant");
    expect(page).toContain("<h1>出狀況時的處理</h1>");
    expect(page).not.toContain("自我修復");
    expect(page).not.toContain(draft[recovery].description["zh-Hant"]!);
    expect(surveyPage(snapshotOf((await findStudy(getDb(), workspaceId, study.id))!, draft), recovery, "en")).toContain(
      "<h1>When something goes wrong</h1>",
    );
  });

  it("keep the manager's wording per language (blank = the default), copied into the published version", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    const recovery = (await loadDraft(getDb(), study.id)).find((c) => c.key === "recovery")!;
    const saved = await updateCriterionText(workspaceId, study.id, recovery.id, {
      name: recovery.name,
      description: recovery.description,
      customerTitle: { "zh-Hant": "服務補救", en: "  " },
      customerDescription: { "zh-Hant": "出了問題時，我們怎麼處理。", en: "" },
    });
    expect(saved.ok).toBe(true);
    const row = (await loadDraft(getDb(), study.id)).find((c) => c.id === recovery.id)!;
    expect(row.customerTitle).toEqual({ "zh-Hant": "服務補救" });
    expect(row.name).toEqual(recovery.name);
    expect((await publishDraft(workspaceId, study.id, null)).ok).toBe(true);
    const snapshot = (await latestVersion(getDb(), study.id))!.snapshot;
    const frozen = snapshot.criteria.find((c) => c.key === "recovery")!;
    expect(frozen.customerTitle).toEqual({ "zh-Hant": "服務補救" });
    expect(frozen.customerDescription).toEqual({ "zh-Hant": "出了問題時，我們怎麼處理。" });
    const index = snapshot.criteria.indexOf(frozen);
    expect(surveyPage(snapshot, index, "zh-Hant")).toContain("<h1>服務補救</h1>");
    expect(surveyPage(snapshot, index, "en")).toContain("<h1>When something goes wrong</h1>");
    // Criteria left alone carry no wording of their own: the survey shows their defaults.
    expect(snapshot.criteria.filter((c) => c.customerTitle)).toHaveLength(1);

    // Emptied again: back to the defaults (null, absent from the next snapshot).
    await updateCriterionText(workspaceId, study.id, recovery.id, {
      name: recovery.name,
      description: recovery.description,
      customerTitle: { "zh-Hant": "", en: "" },
      customerDescription: { "zh-Hant": "", en: "" },
    });
    const cleared = (await loadDraft(getDb(), study.id)).find((c) => c.id === recovery.id)!;
    expect([cleared.customerTitle, cleared.customerDescription]).toEqual([null, null]);
  });

  it("fall back to a criterion's own name when the manager added it", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    await addCriterion(workspaceId, study.id, { name: { en: "Parking", "zh-Hant": "停車" }, description: { en: "Enough spaces." } });
    const draft = await loadDraft(getDb(), study.id);
    const page = surveyPage(snapshotOf((await findStudy(getDb(), workspaceId, study.id))!, draft), draft.length - 1, "zh-Hant");
    expect(page).toContain("<h1>停車</h1>");
  });
});
