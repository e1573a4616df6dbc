import type { Tx } from "@/db/client";
import { markDemo, setVersionPublishedAt } from "@/db/queries/demo";
import { findVersion, latestVersion, loadDraft, lockStudy, updateCriterion, updateItem, updateStudy } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";
import { mulberry32 } from "@/lib/questions/prng";
import { causeStatementsFor } from "@/lib/responses/causes";
import { storeCustomerResponse, type CustomerSubmission } from "@/lib/responses/store-customer";
import { storePerspectiveResponse, type PerspectiveSubmission } from "@/lib/responses/store-perspective";
import { dayMs } from "@/lib/scoring/aggregate-entries";
import { reverseScore } from "@/lib/scoring/response-scores";
import type { Perspective } from "@/lib/scoring/types";
import { createStudyIn } from "@/lib/studies/create-study";
import { publishDraftIn } from "@/lib/studies/publish";
import { addDemoCases } from "./demo-cases";
import { demoComments } from "./demo-comments";

// One seeded generator for the demo study, so the demo is the same every
// time (a test pins a few of its figures). The story: a hotel whose guests
// expect reliability and a quick recovery, and get less of both — worst at
// the Airport branch — while staff attitude exceeds expectations.

export const demoSeed = 20261127;
const branches = ["Central", "Kowloon", "Airport"] as const;
const weights: Record<string, number> = {
  professionalism: 20,
  attitudes: 15,
  accessibility: 15,
  reliability: 25,
  recovery: 15,
  reputation: 10,
};
/** Mean expected (E) and perceived (P) level per criterion on the 7-point scale. */
const profile: Record<string, { e: number; p: number }> = {
  professionalism: { e: 6.3, p: 5.7 },
  attitudes: { e: 6.0, p: 6.35 },
  accessibility: { e: 5.7, p: 5.65 },
  reliability: { e: 6.6, p: 5.3 },
  recovery: { e: 6.2, p: 4.7 },
  reputation: { e: 5.9, p: 5.75 },
};
const branchEffect: Record<(typeof branches)[number], number> = { Central: 0.2, Kowloon: 0, Airport: -0.35 };

export type DemoOptions = {
  responses?: number;
  now?: number;
  /** Customer responses stored so far, of all of them; awaited, and a throw rolls the whole demo back. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
};

/** Customer responses stored between two turns of the event loop (and two progress reports). */
const responsesPerTurn = 20;

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u keeps log away from 0.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clampRating = (x: number, scale: number) => Math.min(scale, Math.max(1, Math.round(x)));

/** Creates the demo study in a workspace and fills it, inside the caller's transaction; returns its id. */
export async function createDemoStudy(tx: Tx, workspaceId: string, userId: string | null, options: DemoOptions = {}): Promise<string> {
  const random = mulberry32(demoSeed);
  const total = options.responses ?? 600;
  const now = options.now ?? Date.now();
  const start = now - 90 * dayMs;
  const created = await createStudyIn(tx, workspaceId, {
    name: "Harbour Hotel guest experience",
    provider: "Harbour Hotel",
    industry: "hotel",
    scale: 7,
    languages: ["zh-Hant", "en"],
    framework: "gronroos",
    seed: demoSeed,
    askImportance: true,
    segments: [...branches],
  });
  // lockStudy: the draft is edited and published below (publishDraftIn takes it too).
  await lockStudy(tx, created.id);
  await markDemo(tx, workspaceId, created.id);
  await updateStudy(tx, workspaceId, created.id, { name: "Harbour Hotel guest experience (demo)" });
  for (const c of await loadDraft(tx, created.id)) await updateCriterion(tx, created.id, c.id, { weight: weights[c.key] ?? 0 });

  const first = await publishDraftIn(tx, workspaceId, created.id, userId);
  if (!first.ok) throw new Error("The demo questionnaire did not publish.");
  await setVersionPublishedAt(tx, first.versionId, start);

  // Version 2 rewords one reliability item after the first two months.
  const reliability = (await loadDraft(tx, created.id)).find((c) => c.key === "reliability");
  const reworded = reliability?.items[1];
  if (reworded) {
    await updateItem(tx, created.id, reworded.id, {
      locked: true,
      text: {
        en: "Harbour Hotel has my room ready at the check-in time it promised.",
        "zh-Hant": "Harbour Hotel 在承諾的入住時間就把房間準備好。",
      },
    });
  }
  const second = await publishDraftIn(tx, workspaceId, created.id, userId);
  if (!second.ok) throw new Error("The demo questionnaire did not publish.");
  const secondAt = now - 30 * dayMs;
  await setVersionPublishedAt(tx, second.versionId, secondAt);

  const v2 = (await latestVersion(tx, created.id))!;
  const v1 = (await findVersion(tx, created.id, first.versionId))!;

  const customers: CustomerSubmission[] = [];
  for (let r = 0; r < total; r++) {
    // Earlier responses are more frequent in the first weeks of a campaign.
    const at = start + Math.floor(Math.pow(random(), 0.9) * (now - start - dayMs));
    const version = at < secondAt ? v1 : v2;
    const branch = branches[Math.floor(random() * branches.length)];
    customers.push(customerResponse(random, version, created.id, branch, at, start, now));
  }
  const internal: PerspectiveSubmission[] = [
    ...Array.from({ length: 5 }, () => internalResponse(random, v2, created.id, "management", now)),
    ...Array.from({ length: 2 }, () => internalResponse(random, v2, created.id, "standard", now)),
    ...Array.from({ length: 14 }, () => internalResponse(random, v2, created.id, "delivery", now)),
    ...Array.from({ length: 3 }, () => internalResponse(random, v2, created.id, "communication", now)),
  ];
  const stored: { responseId: string; submission: CustomerSubmission }[] = [];
  for (const [i, submission] of customers.entries()) {
    const outcome = await storeCustomerResponse(submission, tx, { closeLoop: false });
    stored.push({ responseId: outcome.responseId, submission });
    if ((i + 1) % responsesPerTurn === 0) {
      // On SQLite the driver is synchronous, so without these turns the whole
      // demo (about a second) would hold up every other request in the process.
      await new Promise((resolve) => setImmediate(resolve));
      await options.onProgress?.(i + 1, total);
    }
  }
  for (const submission of internal) await storePerspectiveResponse(submission, tx);
  await addDemoCases(tx, created.id, userId, stored, now);
  await options.onProgress?.(total, total);
  return created.id;
}

function customerResponse(
  random: () => number,
  version: { id: string; snapshot: VersionSnapshot },
  studyId: string,
  branch: (typeof branches)[number],
  at: number,
  start: number,
  now: number,
): CustomerSubmission {
  const { snapshot } = version;
  const L = snapshot.scale;
  const progress = (at - start) / (now - start);
  // Ratings come from latent levels plus item noise, as real SERVQUAL-style
  // data do: a person's general leniency (personE, personP), their level on
  // each criterion around it (criterionE, criterionP below), and each item's
  // own noise. The items of a criterion then agree the way a reliable scale's
  // do: Cronbach's α about 0.8–0.9 (the demo's test checks 0.7–0.95).
  const personE = gaussian(random) * 0.35;
  const personP = gaussian(random) * 0.55;
  const language = random() < 0.6 ? "zh-Hant" : "en";
  const answers = [];
  const criterionGaps: { id: string; key: string; gap: number }[] = [];
  for (const c of snapshot.criteria) {
    const base = profile[c.key] ?? { e: 6, p: 5.5 };
    const criterionE = gaussian(random) * 0.45;
    const criterionP = gaussian(random) * 0.35;
    let p = base.p + personP + criterionP + branchEffect[branch];
    if (c.key === "recovery" && branch === "Airport") p -= 0.6;
    if (c.key === "reliability") p += 0.4 * progress; // the front desk is improving
    const e = base.e + personE + criterionE;
    let gapSum = 0;
    for (const item of c.items) {
      if (random() < 0.03) {
        answers.push({ itemId: item.id, expected: null, perceived: null });
        continue;
      }
      const expected = clampRating(e + gaussian(random) * 0.4, L);
      const perceived = clampRating(p + gaussian(random) * 0.5, L);
      gapSum += expected - perceived;
      // A reverse-scored item is stored as the customer ticked it: L + 1 − x.
      answers.push({ itemId: item.id, expected: reverseScore(expected, L, item.reverse), perceived: reverseScore(perceived, L, item.reverse) });
    }
    criterionGaps.push({ id: c.id, key: c.key, gap: gapSum });
  }
  const comments = [];
  const worst = criterionGaps.sort((a, b) => b.gap - a.gap)[0];
  if (worst && worst.gap >= 4 && random() < 0.5) {
    const options = demoComments[worst.key]?.[language] ?? [];
    if (options.length > 0) comments.push({ criterionId: worst.id, text: options[Math.floor(random() * options.length)] });
  }
  let customerWeights: Record<string, number> | null = null;
  if (random() < 0.12) {
    const raw = snapshot.criteria.map((c) => (weights[c.key] ?? 10) * (0.5 + random()));
    const sum = raw.reduce((a, b) => a + b, 0);
    const points = raw.map((x) => Math.floor((x / sum) * 100));
    points[0] += 100 - points.reduce((a, b) => a + b, 0);
    customerWeights = Object.fromEntries(snapshot.criteria.map((c, i) => [c.id, points[i]]));
  }
  return {
    studyId,
    versionId: version.id,
    snapshot,
    segment: branch,
    language,
    source: "survey",
    submittedAt: at,
    answers,
    comments,
    weights: customerWeights,
  };
}

/** How each perspective sees the levels, relative to what customers expect and get. */
const internalShift: Record<Perspective, Record<string, number>> = {
  // Management underestimates how much guests care about recovery (Gap 1).
  management: { recovery: -1.1, reliability: -0.3 },
  // The written standard leaves recovery vague (Gap 2).
  standard: { recovery: -0.5 },
  // Staff deliver less on reliability and recovery (Gap 3).
  delivery: { reliability: -0.7, recovery: -0.6, professionalism: -0.4 },
  // Advertising promises more reliability than is delivered (Gap 4).
  communication: { reliability: 0.8 },
};

function internalResponse(
  random: () => number,
  version: { id: string; snapshot: VersionSnapshot },
  studyId: string,
  perspective: Perspective,
  now: number,
): PerspectiveSubmission {
  const { snapshot } = version;
  const L = snapshot.scale;
  const answers = [];
  for (const c of snapshot.criteria) {
    const base = profile[c.key] ?? { e: 6, p: 5.5 };
    // M starts from what customers expect, S and D from the service level;
    // C promises a little less than the standard, except on reliability.
    const anchor = perspective === "management" ? base.e : perspective === "communication" ? base.e - 0.5 : base.e - 0.3;
    const level = anchor + (internalShift[perspective][c.key] ?? 0);
    for (const item of c.items) {
      const x = clampRating(level + gaussian(random) * 0.5, L);
      answers.push({ itemId: item.id, rating: reverseScore(x, L, item.reverse) });
    }
  }
  // Weak factors: management's goal setting and upward communication; staff's role conflict and technology.
  const weak = new Set(["goal-setting", "upward-communication", "role-conflict", "technology-job-fit", "propensity-to-overpromise"]);
  const causes = causeStatementsFor(perspective).map((s) => {
    const agreement = clampRating((weak.has(s.factor) ? 2.8 : 5.3) + gaussian(random) * 0.8, L);
    // Negatively worded statements are ticked the other way round.
    return { statement: s.key, rating: reverseScore(agreement, L, s.reverse) };
  });
  return {
    studyId,
    versionId: version.id,
    snapshot,
    perspective,
    language: "zh-Hant",
    source: "survey",
    submittedAt: now - Math.floor(random() * 20) * dayMs,
    answers,
    causes,
  };
}
