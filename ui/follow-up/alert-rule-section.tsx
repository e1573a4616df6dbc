import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { loadDraft, type StudyRow } from "@/db/queries/studies";
import { alertRuleOf } from "@/lib/follow-up/alert-settings";
import { ruleIsOn } from "@/lib/follow-up/alert-rule";
import { alertRoles } from "@/lib/follow-up/on-submit";
import { textIn } from "@/lib/i18n/localized-text";
import { mailReadiness } from "@/lib/mail/settings";
import { CardSection } from "@/ui/layout/card-section";
import { AlertRuleForm } from "./alert-rule-form";

/** The Distribute page's "Follow-up and alerts": the consent step and the alert rule (owners and managers; the page checks). */
export async function AlertRuleSection({ study, workspaceId }: { study: Pick<StudyRow, "id" | "languages" | "consentStep">; workspaceId: string }) {
  const t = await getTranslations("alerts");
  const locale = await getLocale();
  const db = getDb();
  const [rule, members, draft] = await Promise.all([alertRuleOf(db, workspaceId, study.id), listMembers(db, workspaceId), loadDraft(db, study.id)]);
  const criteria = draft.map((c) => ({ key: c.key, name: textIn(c.name, locale, study.languages) || c.key }));
  if (rule.criterion !== null && !criteria.some((c) => c.key === rule.criterion)) criteria.push({ key: rule.criterion, name: rule.criterion });
  return (
    <div id="alerts">
      <CardSection headingId="alerts-heading" title={t("heading")} intro={t("intro")}>
        {!mailReadiness().ready && <p className="alert info">{t("mailOff")}</p>}
        {!ruleIsOn({ threshold: rule.threshold, criterionKey: rule.criterion, criterionThreshold: rule.criterionThreshold }) && (
          <p className="muted small">{t("off")}</p>
        )}
        <AlertRuleForm
          studyId={study.id}
          consentStep={study.consentStep}
          threshold={rule.threshold === null ? "" : String(rule.threshold)}
          criterion={rule.criterion ?? ""}
          criterionThreshold={rule.criterionThreshold === null ? "" : String(rule.criterionThreshold)}
          notify={rule.notify}
          criteria={criteria}
          members={members
            .filter((m) => (alertRoles as readonly string[]).includes(m.role))
            .map((m) => ({ email: m.email, name: m.name, role: m.role }))}
        />
        <p className="small alert-rule-links">
          <Link href={`/studies/${study.id}/follow-up`}>{t("followUp")}</Link>
        </p>
      </CardSection>
    </div>
  );
}
