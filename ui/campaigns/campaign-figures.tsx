import { getFormatter, getTranslations } from "next-intl/server";
import type { CampaignCounts } from "@/db/queries/campaigns";
import { responseRate } from "@/lib/campaigns/campaign-view";

/** A campaign's counts as figures: what went, what is still going, what came back. */
export async function CampaignFigures({ counts, scheduled }: { counts: CampaignCounts; scheduled: boolean }) {
  const t = await getTranslations("campaigns.figures");
  const format = await getFormatter();
  const rate = responseRate(counts.responded, counts.recipients);
  const figures: { key: keyof CampaignCounts; label: string; note?: string; tone?: string }[] = [
    { key: "recipients", label: t("recipients") },
    { key: "sent", label: t("sent"), tone: counts.sent > 0 ? "good" : undefined },
    { key: "queued", label: scheduled ? t("scheduled") : t("queued"), note: counts.queued > 0 && !scheduled ? t("queuedNote") : undefined },
    { key: "failed", label: t("failed"), tone: counts.failed > 0 ? "bad" : undefined },
    { key: "skipped", label: t("skipped"), note: t("skippedNote") },
    {
      key: "responded",
      label: t("responded"),
      note: rate === null ? undefined : t("rate", { rate: format.number(rate, { style: "percent", maximumFractionDigits: 0 }) }),
      tone: counts.responded > 0 ? "good" : undefined,
    },
    { key: "reminded", label: t("reminded") },
    { key: "unsubscribed", label: t("unsubscribed") },
  ];
  return (
    <section className="card" aria-labelledby="figures-heading">
      <h2 id="figures-heading" className="visually-hidden">
        {t("heading")}
      </h2>
      <dl className="campaign-figures">
        {figures.map((f) => (
          <div key={f.key} className={f.tone ? `figure ${f.tone}` : "figure"}>
            <dt className="kpi-label">{f.label}</dt>
            <dd className="kpi" data-testid={`count-${f.key}`}>
              {format.number(counts[f.key])}
            </dd>
            {f.note && <dd className="muted small figure-note">{f.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
