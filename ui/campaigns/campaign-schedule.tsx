import { getTranslations } from "next-intl/server";
import type { ReminderPlan } from "@/lib/campaigns/campaign-view";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";
import { RemindNowForm } from "./remind-now-form";

type Props = {
  studyId: string;
  campaignId: string;
  sendAt: number;
  now: number;
  reminderAfterDays: number | null;
  plan: ReminderPlan;
  /** The survey takes no more answers: no reminders at all. */
  closed: boolean;
  /** Mail can go (SMTP_URL, MAIL_FROM, PUBLIC_URL are set). */
  mailReady: boolean;
  /** How many a reminder now would reach. */
  remindable: number;
};

/** When the invitations go (or went), the automatic reminders and where they stand, and "Send a reminder now". */
export async function CampaignSchedule({ studyId, campaignId, sendAt, now, reminderAfterDays, plan, closed, mailReady, remindable }: Props) {
  const t = await getTranslations("campaigns.schedule");
  const minute = await getMinuteFormatter();
  const at = (ms: number) => minute(ms);
  const next =
    plan.kind === "none"
      ? t("noReminders")
      : plan.kind === "next"
        ? t("nextAt", { date: at(plan.at), round: plan.round, max: plan.max })
        : plan.kind === "done"
          ? t("allSent", { max: plan.max })
          : t("stopped", { sent: plan.sent, max: plan.max });
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t("heading")}</h2>
      <dl className="summary-list">
        <dt>{sendAt > now ? t("sendsAt") : t("sentAt")}</dt>
        <dd>{at(sendAt)}</dd>
        <dt>{t("reminders")}</dt>
        <dd>{plan.kind === "none" || reminderAfterDays === null ? t("noReminders") : t("every", { days: reminderAfterDays, max: plan.max })}</dd>
        {plan.kind !== "none" && (
          <>
            <dt>{t("next")}</dt>
            <dd data-testid="next-reminder">{next}</dd>
          </>
        )}
      </dl>
      <h3 style={{ marginTop: "1.25rem" }}>{t("remindNowHeading")}</h3>
      {closed ? (
        <p className="muted">{t("closed")}</p>
      ) : !mailReady ? (
        <p className="muted">{t("mailOff")}</p>
      ) : sendAt > now ? (
        <p className="muted">{t("notYetSent")}</p>
      ) : (
        <RemindNowForm studyId={studyId} campaignId={campaignId} remindable={remindable} />
      )}
    </section>
  );
}
