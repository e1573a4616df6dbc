import { describe, expect, it } from "vitest";
import type { LinkRow } from "@/db/queries/links";
import type { StudyRow, VersionRow } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";
import { escapeHtml, html, raw } from "@/ui/survey/html";
import { chooseSurveyLanguage } from "./language";
import { linkStateOf, plausibleToken } from "./link-state";
import { checkStep } from "./step-check";
import { parseStepForm, type StepForm } from "./step-form";
import { progressOf, stepToShow, surveySteps } from "./steps";
import { textIn } from "@/lib/i18n/localized-text";

const snapshot: VersionSnapshot = {
  scale: 7,
  languages: ["en", "zh-Hant"],
  provider: "Harbour Hotel",
  askImportance: true,
  criteria: [
    {
      id: "c1",
      key: "reliability",
      name: { en: "Reliability" },
      description: {},
      weight: 60,
      items: [
        { id: "i1", key: "r1", text: { en: "Keeps promises", "zh-Hant": "信守承諾" }, reverse: false },
        { id: "i2", key: "r2", text: { en: "On time" }, reverse: false },
      ],
    },
    {
      id: "c2",
      key: "recovery",
      name: { en: "Recovery" },
      description: {},
      weight: 40,
      items: [{ id: "i3", key: "v1", text: { en: "Fixes mistakes" }, reverse: false }],
    },
  ],
};

const rid = "6f1c2b3a-1d2e-4f5a-8b6c-7d8e9f0a1b2c";
const entries = (fields: Record<string, string>) => Object.entries(fields);
const parse = (fields: Record<string, string>) => {
  const parsed = parseStepForm(entries({ rid, v: "v1", step: "1", ...fields }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
};
const steps = surveySteps(snapshot);
const context = (index: number, intent: "next" | "back" = "next") => ({ snapshot, step: steps[index], segments: [], linkSegment: null, intent });

describe("survey steps", () => {
  it("are a welcome step, one per criterion, then the importance question", () => {
    expect(steps.map((s) => s.kind)).toEqual(["intro", "criterion", "criterion", "importance"]);
    expect(surveySteps({ ...snapshot, askImportance: false })).toHaveLength(3);
  });
  it("never show a step beyond the furthest reached", () => {
    expect(stepToShow(null, 2, 4)).toBe(2);
    expect(stepToShow(3, 2, 4)).toBe(2);
    expect(stepToShow(1, 2, 4)).toBe(1);
    expect(stepToShow(0, 9, 4)).toBe(0);
    expect(stepToShow(null, 9, 4)).toBe(3);
    expect(progressOf(2, 4)).toEqual({ current: 2, total: 3 });
  });
  it("pick the customer's language, else the version's first", () => {
    expect(textIn({ en: "A", "zh-Hant": "甲" }, "zh-Hant", ["en"])).toBe("甲");
    expect(textIn({ en: "A" }, "zh-Hans", ["en"])).toBe("A");
  });
});

describe("the customer's language", () => {
  const languages = ["en", "zh-Hant"];
  it("follows ?lang=, then the response, then the cookie, then Accept-Language", () => {
    expect(chooseSurveyLanguage({ query: "zh-Hant", response: "en", languages })).toBe("zh-Hant");
    expect(chooseSurveyLanguage({ response: "zh-Hant", cookie: "en", languages })).toBe("zh-Hant");
    expect(chooseSurveyLanguage({ cookie: "zh-Hant", acceptLanguage: "en", languages })).toBe("zh-Hant");
    expect(chooseSurveyLanguage({ acceptLanguage: "en;q=0.5,zh-TW;q=0.9", languages })).toBe("zh-Hant");
  });
  it("stays among the study's languages", () => {
    expect(chooseSurveyLanguage({ query: "zh-Hans", acceptLanguage: "zh-CN", languages })).toBe("en");
    expect(chooseSurveyLanguage({ acceptLanguage: "zh-CN" })).toBe("zh-Hans");
  });
});

describe("link states", () => {
  const link = {
    id: "l",
    studyId: "s",
    kind: "public",
    token: "t",
    perspective: null,
    segment: null,
    usedAt: null,
    revokedAt: null,
    createdAt: 0,
  } as LinkRow;
  const study = { id: "s", opensAt: null, closesAt: null, responseLimit: null, archivedAt: null } as StudyRow;
  const version = { id: "v" } as VersionRow;
  const state = (over: { link?: Partial<LinkRow>; study?: Partial<StudyRow>; version?: VersionRow | undefined; submitted?: number; now?: number }) =>
    linkStateOf({
      link: { ...link, ...over.link },
      study: { ...study, ...over.study },
      version: "version" in over ? over.version : version,
      submitted: over.submitted ?? 0,
      now: over.now ?? 1000,
    }).kind;
  it("tells each case apart", () => {
    expect(state({})).toBe("open");
    expect(linkStateOf({ link: undefined, study: undefined, version: undefined, submitted: 0, now: 0 }).kind).toBe("unknown");
    expect(state({ link: { kind: "internal" } })).toBe("unknown");
    expect(state({ link: { revokedAt: 1 } })).toBe("revoked");
    expect(state({ version: undefined })).toBe("noVersion");
    expect(state({ link: { kind: "invite", usedAt: 5 } })).toBe("used");
    expect(state({ study: { opensAt: 2000 } })).toBe("notYetOpen");
    expect(state({ study: { closesAt: 1000 } })).toBe("closed");
    expect(state({ study: { closesAt: 1001 } })).toBe("open");
    expect(state({ study: { archivedAt: 1 } })).toBe("closed");
    expect(state({ study: { responseLimit: 3 }, submitted: 3 })).toBe("full");
    expect(state({ study: { responseLimit: 3 }, submitted: 2 })).toBe("open");
  });
  it("only looks up tokens that could be ours", () => {
    expect(plausibleToken("abcdefghijklmnop")).toBe(true);
    expect(plausibleToken("short")).toBe(false);
    expect(plausibleToken("../../etc/passwd-xxxxxxxx")).toBe(false);
  });
});

describe("the shape of a step post", () => {
  it("groups ratings, N/A, comments and points", () => {
    const form = parse({ "e.i1": "6", "p.i1": "4", "na.i2": "1", comment: " Good\r\nstay ", intent: "back" });
    expect(form.answers).toEqual({ i1: { e: 6, p: 4 }, i2: { na: "1" } });
    expect(form.comment).toBe("Good\nstay");
    expect(form.intent).toBe("back");
  });
  it("refuses what no real form sends", () => {
    const problems = (fields: [string, string][]) => {
      const parsed = parseStepForm([["rid", rid], ["v", "v1"], ["step", "1"], ...fields]);
      return parsed.ok ? [] : parsed.problems.map((p) => p.code);
    };
    expect(problems([["e.i1", "3.5"]])).toContain("ratingNotInteger");
    expect(problems([["e.i1", "three"]])).toContain("ratingNotNumber");
    expect(
      problems([
        ["e.i1", "3"],
        ["e.i1", "4"],
      ]),
    ).toContain("repeatedField");
    expect(problems([["admin", "1"]])).toContain("unknownField");
    expect(problems([["comment", "x".repeat(2001)]])).toContain("commentTooLong");
    expect(problems([["step", "2"]])).toContain("repeatedField");
    const noId = parseStepForm([
      ["v", "v1"],
      ["step", "1"],
    ]);
    expect(noId.ok).toBe(false);
  });
});

describe("a step against its version", () => {
  const kind = (form: StepForm, index: number, intent: "next" | "back" = "next") => checkStep(form, context(index, intent));
  it("accepts both ratings or N/A for every item", () => {
    const result = kind(parse({ "e.i1": "7", "p.i1": "5", "na.i2": "1", "e.i2": "3", comment: "ok" }), 1);
    expect(result).toEqual({
      kind: "ok",
      answers: [
        { itemId: "i1", expected: 7, perceived: 5 },
        { itemId: "i2", expected: null, perceived: null },
      ],
      comment: { criterionId: "c1", text: "ok" },
    });
  });
  it("asks for what is missing, beside the item", () => {
    const result = kind(parse({ "e.i1": "7" }), 1);
    expect(result).toEqual({ kind: "incomplete", fieldErrors: { i1: "halfPerceived", i2: "missing" } });
  });
  it("going back keeps the complete pairs and asks nothing", () => {
    const result = kind(parse({ "e.i1": "7", "p.i1": "2", "p.i2": "3" }), 1, "back");
    expect(result.kind).toBe("ok");
    expect(result.kind === "ok" && result.answers).toEqual([{ itemId: "i1", expected: 7, perceived: 2 }]);
  });
  it("refuses unknown items, other steps' items and ratings off the scale", () => {
    expect(kind(parse({ "e.x9": "3", "p.x9": "3" }), 1).kind).toBe("malformed");
    expect(kind(parse({ "e.i3": "3", "p.i3": "3" }), 1).kind).toBe("malformed");
    expect(kind(parse({ "e.i1": "8", "p.i1": "3" }), 1).kind).toBe("malformed");
    expect(kind(parse({ "e.i1": "0", "p.i1": "3" }), 1).kind).toBe("malformed");
    expect(kind(parse({ "na.i1": "1", "e.i1": "9" }), 1).kind).toBe("malformed");
    expect(kind(parse({ "w.c1": "50" }), 1).kind).toBe("malformed");
  });
  it("checks the importance points sum to 100, or skips them when all are empty", () => {
    expect(kind(parse({ "w.c1": "70", "w.c2": "30" }), 3)).toEqual({ kind: "ok", answers: [], comment: null, weights: { c1: 70, c2: 30 } });
    expect(kind(parse({ "w.c1": "70", "w.c2": "20" }), 3)).toEqual({ kind: "incomplete", fieldErrors: { weights: "weightsSum" } });
    expect(kind(parse({ "w.c1": "", "w.c2": "" }), 3)).toMatchObject({ kind: "ok", weights: null });
    expect(kind(parse({ "w.c1": "100", "w.c2": "" }), 3)).toMatchObject({ kind: "ok", weights: { c1: 100, c2: 0 } });
    expect(kind(parse({ "w.c1": "150", "w.c2": "-50" }), 3)).toEqual({ kind: "incomplete", fieldErrors: { c1: "pointsRange", c2: "pointsRange" } });
    expect(kind(parse({ "w.zz": "100" }), 3).kind).toBe("malformed");
  });
  it("asks for a segment from the study's list unless the link carries one", () => {
    const intro = (form: StepForm, linkSegment: string | null) => checkStep(form, { ...context(0), segments: ["North", "South"], linkSegment });
    expect(intro(parse({ step: "0" }), null)).toEqual({ kind: "incomplete", fieldErrors: { segment: "chooseSegment" } });
    expect(intro(parse({ segment: "North" }), null)).toMatchObject({ kind: "ok", segment: "North" });
    expect(intro(parse({ segment: "Mars" }), null).kind).toBe("malformed");
    expect(intro(parse({}), "South")).toMatchObject({ kind: "ok" });
  });
});

describe("the survey's HTML builder", () => {
  it("escapes every value unless it is markup we built", () => {
    expect(escapeHtml(`<script>"x"&'y'`)).toBe("&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;");
    const name = `"><img src=x onerror=alert(1)>`;
    expect(html`<p title="${name}">${name}${html`<b>${1}</b>`}${raw("<i></i>")}</p>`.toString()).toBe(
      `<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<b>1</b><i></i></p>`,
    );
  });
});
