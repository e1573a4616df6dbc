import { getDb, transaction, type Tx } from "@/db/client";
import { markInviteUsed } from "@/db/queries/links";
import {
  countSubmitted,
  findInProgressByLink,
  findResponse,
  findResponseForUpdate,
  insertResponse,
  listAnswers,
  listComments,
  updateResponse,
  upsertAnswers,
  upsertComment,
  type ResponseRow,
} from "@/db/queries/responses";
import { findVersion, lockStudy, type VersionRow } from "@/db/queries/studies";
import type { ResponseContact } from "@/db/queries/response-contacts";
import type { VersionSnapshot } from "@/db/schema";
import { checkCustomerResponse, type AnswerProblem } from "@/lib/responses/check";
import { storeCustomerResponse } from "@/lib/responses/store-customer";
import { admitStepPost } from "./allowance";
import type { LinkState } from "./link-state";
import { surveyLanguages } from "./language";
import { newResume, resumeMatches, type Resume } from "./resume";
import { checkStep, type FieldErrors } from "./step-check";
import type { StepForm } from "./step-form";
import { surveySteps, type SurveyStep } from "./steps";

// One step post of the customer survey, start to finish. Checks that need
// no lock run first, on the reader; every write of a post is then one
// transaction: a step's answers, the progress, and on the last step the
// whole response with its aggregates (lib/responses/store-customer.ts, the
// same write path as the API).

export type StepOutcome =
  /** Saved: show `step` next (the same step after a language switch). `resume` is a new cookie value to set. */
  | { kind: "saved"; responseId: string; step: number; resume: string | null; language: string; snapshot: VersionSnapshot; versionId: string }
  /** Submitted now, or already before (a double submit or a retry). */
  | { kind: "thanks"; responseId: string; stored: boolean; language?: string }
  /** The link does not take answers (closed, full, used…), possibly found only at submit. */
  | { kind: "closed"; state: Exclude<LinkState["kind"], "open" | "unknown"> }
  /** Something the customer can fix: the step is shown again with these errors; nothing was written. */
  | {
      kind: "incomplete";
      step: SurveyStep;
      snapshot: VersionSnapshot;
      versionId: string;
      fieldErrors: FieldErrors;
      response: ResponseRow | undefined;
    }
  /** The final check found an earlier step unanswered: go there. Nothing was written. */
  | { kind: "missing"; step: number }
  /** Over an allowance: the link's for new drafts, or this draft's own. Nothing was written. */
  | { kind: "busy"; scope: "link" | "draft"; retryAfterSeconds: number }
  /** What no real form sends, or a page that is out of date. Nothing was written. */
  | { kind: "refused"; status: 409 | 422; code: "outdated" | "notYours" | "invalidStep" | "invalidAnswers"; problems: AnswerProblem[] };

class Abort extends Error {
  constructor(readonly outcome: StepOutcome) {
    super(outcome.kind);
  }
}

export async function handleStep(input: {
  state: LinkState;
  form: StepForm;
  resume: Resume | null;
  now: number;
  /** New drafts a minute the link takes from everyone together. */
  newDraftsPerMinute: number;
}): Promise<StepOutcome> {
  const { state, form, now } = input;
  if (state.kind === "unknown") return refused(409, "outdated");
  const { link, study } = state;
  const db = getDb();
  const existing = await findResponse(db, form.rid);
  if (existing && (existing.linkId !== link.id || existing.perspective !== "customer")) return refused(409, "notYours");
  // Before any state check: a resend of an accepted response is answered
  // "thank you" even if that very response closed, filled or used the link.
  if (existing?.status === "submitted") return { kind: "thanks", responseId: existing.id, stored: false, language: existing.language };
  if (state.kind !== "open") return { kind: "closed", state: state.kind };

  // An invite is one response, whichever browser or tab continues it.
  const response = existing ?? (link.kind === "invite" ? await findInProgressByLink(db, link.id) : undefined);
  const version: VersionRow | undefined = await findVersion(db, study.id, response ? response.versionId : form.v);
  if (!version || version.id !== form.v) return refused(409, "outdated");
  const steps = surveySteps(version.snapshot, { consent: study.consentStep });
  const step = steps[form.step];
  if (!step) return refused(422, "invalidStep");
  if (!response ? form.step !== 0 : form.step > response.step) return refused(409, "outdated");

  // A language switch saves what is complete, like going back, and stays on the step.
  const switching = form.switchLang !== undefined;
  const check = checkStep(form, {
    snapshot: version.snapshot,
    step,
    segments: study.segments,
    linkSegment: link.segment,
    intent: switching ? "back" : form.intent,
  });
  if (check.kind === "malformed") return { kind: "refused", status: 422, code: "invalidAnswers", problems: check.problems };
  if (check.kind === "incomplete") {
    return { kind: "incomplete", step, snapshot: version.snapshot, versionId: version.id, fieldErrors: check.fieldErrors, response };
  }

  const languages = surveyLanguages(version.snapshot.languages);
  const language =
    form.switchLang && languages.includes(form.switchLang)
      ? form.switchLang
      : form.lang && languages.includes(form.lang)
        ? form.lang
        : (response?.language ?? languages[0]);
  const last = steps.length - 1;
  const isFinal = !switching && form.intent === "next" && step.index === last;
  const nextStep = switching ? step.index : form.intent === "back" ? Math.max(step.index - 1, 0) : Math.min(step.index + 1, last);
  const responseId = response?.id ?? form.rid;

  // Counted only now that the post passed every check (issue 12 item 2).
  const admitted = await admitStepPost({
    surface: "survey",
    linkId: link.id,
    draftId: response?.id,
    newDraftsPerMinute: input.newDraftsPerMinute,
    now,
  });
  if (!admitted.allowed) return { kind: "busy", scope: admitted.scope, retryAfterSeconds: admitted.retryAfterSeconds };

  try {
    return await transaction(async (tx): Promise<StepOutcome> => {
      // lockStudy: at the final submit the count of submitted responses
      // decides whether this one still fits the limit; the last answers of
      // two customers are counted one after the other. Taken before any
      // write: PostgreSQL's foreign-key checks of the writes below share-lock
      // the study row, and two submits holding that would deadlock here.
      if (isFinal && study.responseLimit !== null) await lockStudy(tx, study.id);
      // findResponseForUpdate: the status read here decides every write
      // below; two posts of one response (a double click on the last page,
      // two tabs) run one after the other, and the second sees the first's
      // submit. Two first posts of one new id both find nothing: the primary
      // key fails the second insert and transaction() runs it again.
      let current = await findResponseForUpdate(tx, responseId);
      if (current?.status === "submitted") return { kind: "thanks", responseId, stored: false, language: current.language };
      let resume: string | null = null;
      if (!current) {
        const fresh = newResume(responseId);
        resume = fresh.value;
        await insertResponse(tx, {
          id: responseId,
          studyId: study.id,
          versionId: version.id,
          linkId: link.id,
          perspective: "customer",
          segment: link.segment ?? check.segment ?? "",
          language,
          source: "survey",
          status: "in_progress",
          step: 0,
          resumeHash: fresh.hash,
          startedAt: now,
        });
        current = (await findResponse(tx, responseId))!;
      } else if (!resumeMatches(input.resume, current)) {
        // Continued from another browser (an invite) or with cookies lost:
        // this browser becomes the one that resumes.
        const fresh = newResume(responseId);
        resume = fresh.value;
        await updateResponse(tx, responseId, { resumeHash: fresh.hash });
      }
      if (check.answers.length > 0) await upsertAnswers(tx, study.id, responseId, check.answers);
      if (check.comment) await upsertComment(tx, responseId, check.comment.criterionId, check.comment.text);
      const patch: Partial<ResponseRow> = { language, step: Math.max(current.step, nextStep) };
      if (check.segment !== undefined && link.segment === null) patch.segment = check.segment;
      if (check.weights !== undefined) patch.customerWeights = check.weights;
      await updateResponse(tx, responseId, patch);
      if (!isFinal) return { kind: "saved", responseId, step: nextStep, resume, language, snapshot: version.snapshot, versionId: version.id };
      return submit(tx, { ...current, ...patch }, version, steps, state, now, check.contact ?? null);
    });
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}

/** The final check and write, inside the step's transaction; throws Abort to roll it all back. */
async function submit(
  tx: Tx,
  response: ResponseRow,
  version: VersionRow,
  steps: SurveyStep[],
  state: Extract<LinkState, { kind: "open" }>,
  now: number,
  contact: ResponseContact | null,
): Promise<StepOutcome> {
  const { link, study } = state;
  const saved = await listAnswers(tx, study.id, response.id);
  const answered = new Set(saved.map((a) => a.itemId));
  const gap = steps.find((s) => s.kind === "criterion" && s.criterion.items.some((i) => !answered.has(i.id)));
  if (gap) throw new Abort({ kind: "missing", step: gap.index });
  const checked = checkCustomerResponse(version.snapshot, {
    answers: saved.map((a) => ({ item: a.itemId, expected: a.expected, perceived: a.perceived })),
    comments: Object.fromEntries((await listComments(tx, response.id)).map((c) => [c.criterionId, c.text])),
    weights: response.customerWeights ?? undefined,
  });
  if (!checked.ok) throw new Abort({ kind: "refused", status: 422, code: "invalidAnswers", problems: checked.problems });
  // Under lockStudy, taken at the start of the transaction.
  if (study.responseLimit !== null && (await countSubmitted(tx, study.id, "customer")) >= study.responseLimit) {
    throw new Abort({ kind: "closed", state: "full" });
  }
  // The conditional update in markInviteUsed guards a single-use invite.
  if (link.kind === "invite" && !(await markInviteUsed(tx, link.id, now))) throw new Abort({ kind: "closed", state: "used" });
  const outcome = await storeCustomerResponse(
    {
      ...checked.value,
      responseId: response.id,
      studyId: study.id,
      versionId: version.id,
      snapshot: version.snapshot,
      linkId: link.id,
      segment: response.segment,
      language: response.language,
      source: "survey",
      submittedAt: now,
      contact,
    },
    tx,
  );
  return { kind: "thanks", responseId: outcome.responseId, stored: outcome.stored, language: response.language };
}

function refused(status: 409 | 422, code: "outdated" | "notYours" | "invalidStep" | "invalidAnswers"): StepOutcome {
  return { kind: "refused", status, code, problems: [] };
}
