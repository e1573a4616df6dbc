import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ChannelCounts, SurveyStatus } from "@/lib/studies/distribution-status";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";

type Props = {
  status: SurveyStatus;
  submitted: number;
  inProgress: number;
  responseLimit: number | null;
  invites: { total: number; used: number };
  channels: ChannelCounts;
  /** Controls under the figures (Close now / Reopen). */
  children?: ReactNode;
};

/** Whether the survey takes answers now, and how many came in by which channel. */
export async function StatusSection({ status, submitted, inProgress, responseLimit, invites, channels, children }: Props) {
  const t = await getTranslations("distribute.status");
  const format = await getFormatter();
  const minute = await getMinuteFormatter();
  const label = status.kind === "notYetOpen" ? t("notYetOpen", { date: minute(status.opensAt) }) : t(status.kind);
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading" className="visually-hidden">
        {t("heading")}
      </h2>
      <div className="grid cols-4">
        <div>
          <div className="kpi-label">{t("survey")}</div>
          <div className="distribute-state">
            <span className={`badge ${status.kind === "open" ? "exceeded" : "met"}`} data-testid="survey-state">
              {label}
            </span>
          </div>
        </div>
        <div>
          <div className="kpi-label">{t("submitted")}</div>
          <div className="kpi" data-testid="submitted-count">
            {format.number(submitted)}
            {responseLimit !== null && <span className="kpi-suffix"> {t("ofLimit", { limit: format.number(responseLimit) })}</span>}
          </div>
        </div>
        <div>
          <div className="kpi-label">{t("inProgress")}</div>
          <div className="kpi">{format.number(inProgress)}</div>
        </div>
        <div>
          <div className="kpi-label">{t("invitesUsed")}</div>
          <div className="kpi" data-testid="invites-used">
            {format.number(invites.used)} <span className="kpi-suffix">{t("ofInvites", { total: format.number(invites.total) })}</span>
          </div>
        </div>
      </div>
      {submitted > 0 && (
        <p className="muted small" style={{ margin: "0.75rem 0 0" }}>
          {t("channels", channels)}
        </p>
      )}
      {children}
    </section>
  );
}
