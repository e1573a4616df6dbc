import { randomUUID } from "node:crypto";
import { getDb, transaction } from "@/db/client";
import {
  findResponseForUpdate,
  findResumable,
  insertResponse,
  listAnswers,
  listCauseAnswers,
  saveCauseRatings,
  updateResponse,
  upsertAnswers,
  type ResponseRow,
} from "@/db/queries/responses";
import { findVersion } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { admitStepPost } from "@/lib/survey/allowance";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { checkPerspectiveResponse, storePerspectiveResponse } from "@/lib/responses/store-perspective";
import { newResume, type OpenInternalLink } from "./session";
import { stepRatings, strayRatings, type InternalStepForm } from "./step-form";
import { causeStatementsOf, stepQuestions, stepsFor } from "./steps";

// One step post of an internal perspective's questionnaire (/i/<token>),
// start to finish, mirroring the customer survey's lib/survey/flow.ts: the
// whole post is checked against the version before anything is written, and
// every write of a post — a new response, the step's ratings, the progress,
// and on the last step the whole response with its aggregates — is one
// transaction. The route only maps the outcome to a redirect.

export type InternalStepOutcome =
  /** Saved: show `step` next. `resume` is a new cookie value to set. */
  | { kind: "saved"; step: number; resume: string | null; language: Locale }
  /** Saved what was answered; `step` (this one, or an earlier one the final check found) has `missing` questions unanswered. */
  | { kind: "incomplete"; step: number; missing: number; resume: string | null; language: Locale }
  /** Submitted now, or already before (a resend, a second tab). */
  | { kind: "thanks"; stored: boolean; resume: string | null; language: Locale }
  /** The page is out of date: the response's version has no such step. Nothing was written. */
  | { kind: "outdated" }
  /** Ratings this step does not ask, or off the scale: a forged or broken post. Nothing was written. */
  | { kind: "refused"; problems: string[] }
  /** Over an allowance: the link's for new drafts, or this draft's own. Nothing was written. */
  | { kind: "busy"; scope: "link" | "draft"; retryAfterSeconds: number };

export async function handleInternalStep(input: {
  state: OpenInternalLink;
  form: InternalStepForm;
  /** The resume cookie's value, if this browser has one. */
  resumeToken: string | undefined;
  now: number;
  /** New drafts a minute the link takes from everyone together. */
  newDraftsPerMinute: number;
}): Promise<InternalStepOutcome> {
  const { state, form, now } = input;
  const { link, study, perspective } = state;
  const language = form.lang && isLocale(form.lang) && state.languages.includes(form.lang) ? form.lang : (state.languages[0] ?? "en");
  const db = getDb();
  const existing = input.resumeToken ? await findResumable(db, link.id, hashToken(input.resumeToken)) : undefined;
  if (existing?.status === "submitted") return { kind: "thanks", stored: false, resume: null, language };
  // A response stays on the version it started with, even if a newer one is published.
  const version = (existing && (await findVersion(db, study.id, existing.versionId))) || state.version;
  const { snapshot } = version;
  const steps = stepsFor(snapshot, perspective);
  const step = steps[form.step];
  if (!step) return { kind: "outdated" };
  const { prefix, ids } = stepQuestions(snapshot, perspective, step);
  const stray = strayRatings(form.ratings, ids, prefix, snapshot.scale);
  if (stray.length > 0) return { kind: "refused", problems: stray };
  const read = stepRatings(form.ratings, ids, prefix, snapshot.scale);

  // Without a draft to continue, a post that rates nothing has nothing to
  // keep: no row for it (a bare `step=0` would otherwise start a draft).
  if (!existing && read.values.size === 0) {
    return form.intent === "back"
      ? { kind: "saved", step: Math.max(0, form.step - 1), resume: null, language }
      : { kind: "incomplete", step: form.step, missing: read.missing.length, resume: null, language };
  }
  // Counted only now that the post passed every check (lib/survey/allowance.ts).
  const admitted = await admitStepPost({
    surface: "internal",
    linkId: link.id,
    draftId: existing?.id,
    newDraftsPerMinute: input.newDraftsPerMinute,
    now,
  });
  if (!admitted.allowed) return { kind: "busy", scope: admitted.scope, retryAfterSeconds: admitted.retryAfterSeconds };

  return transaction(async (tx): Promise<InternalStepOutcome> => {
    // findResponseForUpdate: "already submitted?" decides every write below;
    // two posts of one response (a double click, two tabs) run one after the
    // other, and the second finds the first one's submit.
    let current: ResponseRow | undefined = existing ? await findResponseForUpdate(tx, existing.id) : undefined;
    if (current?.status === "submitted") return { kind: "thanks", stored: false, resume: null, language };
    let resume: string | null = null;
    if (!current) {
      // The first post of this browser (or its draft was swept as abandoned).
      const fresh = newResume();
      resume = fresh.token;
      const id = randomUUID();
      await insertResponse(tx, {
        id,
        studyId: study.id,
        versionId: version.id,
        linkId: link.id,
        perspective,
        language,
        source: "survey",
        status: "in_progress",
        resumeHash: fresh.hash,
        startedAt: now,
      });
      current = (await findResponseForUpdate(tx, id))!;
    }
    const responseId = current.id;
    if (step.kind === "criterion") {
      await upsertAnswers(
        tx,
        study.id,
        responseId,
        [...read.values].map(([itemId, rating]) => ({ itemId, rating })),
      );
    } else await saveCauseRatings(tx, responseId, read.values);

    if (form.intent === "back") {
      await updateResponse(tx, responseId, { step: form.step, language });
      return { kind: "saved", step: Math.max(0, form.step - 1), resume, language };
    }
    if (read.missing.length > 0) {
      await updateResponse(tx, responseId, { step: form.step, language });
      return { kind: "incomplete", step: form.step, missing: read.missing.length, resume, language };
    }
    if (form.step + 1 < steps.length) {
      await updateResponse(tx, responseId, { step: form.step + 1, language });
      return { kind: "saved", step: form.step + 1, resume, language };
    }

    // The last step: check everything saved against the version, then store once.
    await updateResponse(tx, responseId, { step: form.step, language });
    const [answers, causes] = await Promise.all([listAnswers(tx, study.id, responseId), listCauseAnswers(tx, responseId)]);
    const checked = checkPerspectiveResponse(snapshot, perspective, {
      answers: answers.map((a) => ({ item: a.itemId, rating: a.rating })),
      causes: causes.map((c) => ({ statement: c.statementKey, rating: c.rating })),
    });
    if (!checked.ok) return { kind: "incomplete", step: 0, missing: checked.problems.length, resume, language };
    const rated = new Set(checked.value.answers.map((a) => a.itemId));
    const ratedCauses = new Set(checked.value.causes.map((c) => c.statement));
    const unanswered = steps.findIndex((s) =>
      s.kind === "criterion"
        ? snapshot.criteria[s.index].items.some((i) => !rated.has(i.id))
        : causeStatementsOf(perspective).some((st) => !ratedCauses.has(st.id)),
    );
    if (unanswered >= 0) return { kind: "incomplete", step: unanswered, missing: 1, resume, language };
    const outcome = await storePerspectiveResponse(
      {
        ...checked.value,
        responseId,
        studyId: study.id,
        versionId: version.id,
        snapshot,
        perspective,
        linkId: link.id,
        language,
        source: "survey",
        submittedAt: now,
      },
      tx,
    );
    return { kind: "thanks", stored: outcome.stored, resume, language };
  });
}
