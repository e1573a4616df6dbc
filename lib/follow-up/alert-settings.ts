import { getDb, transaction, type Reader } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { findAlertRule, upsertAlertRule } from "@/db/queries/alert-rules";
import { allCriterionKeys, findStudy, updateStudy } from "@/db/queries/studies";
import type { AlertRuleInput } from "./alert-rule";
import { alertRoles } from "./on-submit";

// Reading and setting a study's alert rule (the API's GET/PUT …/alerts and
// the Distribute page's "Follow-up and alerts" form). The rule names members
// by user id; the API and the form name them by email.

/** The rule as the API returns it: `notify` holds the emails of the named members who are still members. */
export type AlertRuleView = {
  threshold: number | null;
  notify: string[];
  criterion: string | null;
  criterionThreshold: number | null;
};

export const noRule: AlertRuleView = { threshold: null, notify: [], criterion: null, criterionThreshold: null };

export async function alertRuleOf(db: Reader, workspaceId: string, studyId: string): Promise<AlertRuleView> {
  const rule = await findAlertRule(db, studyId);
  if (!rule) return noRule;
  const members = await listMembers(db, workspaceId);
  const emailOf = new Map(members.filter((m) => (alertRoles as readonly string[]).includes(m.role)).map((m) => [m.userId, m.email]));
  return {
    threshold: rule.threshold,
    notify: rule.notify.flatMap((id) => emailOf.get(id) ?? []),
    criterion: rule.criterionKey,
    criterionThreshold: rule.criterionThreshold,
  };
}

export type SaveAlertRuleOutcome =
  | { kind: "saved"; rule: AlertRuleView }
  | { kind: "notFound" }
  /** Emails that are no member of the workspace: nothing was saved. */
  | { kind: "unknownMembers"; emails: string[] }
  /** A criterion key the study never had: nothing was saved. */
  | { kind: "unknownCriterion"; key: string };

/**
 * Sets the study's rule (and, from the form, whether the survey asks for
 * consent to be contacted), in one transaction. The caller checked the role.
 */
export async function saveAlertRule(input: {
  workspaceId: string;
  studyId: string;
  rule: AlertRuleInput;
  consentStep?: boolean;
  now?: number;
}): Promise<SaveAlertRuleOutcome> {
  const now = input.now ?? Date.now();
  return transaction(async (tx) => {
    const study = await findStudy(tx, input.workspaceId, input.studyId);
    if (!study) return { kind: "notFound" };
    const members = (await listMembers(tx, input.workspaceId)).filter((m) => (alertRoles as readonly string[]).includes(m.role));
    const idOf = new Map(members.map((m) => [m.email.toLowerCase(), m.userId]));
    const unknown = input.rule.notify.filter((email) => !idOf.has(email));
    if (unknown.length > 0) return { kind: "unknownMembers", emails: unknown };
    if (input.rule.criterion !== null && !(await allCriterionKeys(tx, study.id)).includes(input.rule.criterion)) {
      return { kind: "unknownCriterion", key: input.rule.criterion };
    }
    await upsertAlertRule(tx, {
      studyId: study.id,
      threshold: input.rule.threshold,
      criterionKey: input.rule.criterion,
      criterionThreshold: input.rule.criterionThreshold,
      notify: input.rule.notify.map((email) => idOf.get(email)!),
      updatedAt: now,
    });
    if (input.consentStep !== undefined && input.consentStep !== study.consentStep) {
      await updateStudy(tx, input.workspaceId, study.id, { consentStep: input.consentStep });
    }
    return {
      kind: "saved",
      rule: {
        threshold: input.rule.threshold,
        notify: input.rule.notify,
        criterion: input.rule.criterion,
        criterionThreshold: input.rule.criterionThreshold,
      },
    };
  });
}

/** For pages: the rule of a study of the workspace (no rule: all off). */
export async function loadAlertRule(workspaceId: string, studyId: string): Promise<AlertRuleView> {
  return alertRuleOf(getDb(), workspaceId, studyId);
}
