import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { fmtGap, fmtMinute } from "@/lib/format";
import { isLocale, localeNames } from "@/lib/i18n/locales";
import type { Names } from "@/lib/results/dashboard";
import type { ResponseSummary } from "@/lib/results/follow-up";

/** What a response says: its weighted gap, when and where it was given, its worst criteria and comments. */
export async function ResponseFacts({ summary, names, zone }: { summary: ResponseSummary; names: Names; zone: string }) {
  const t = await getTranslations("cases");
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <>
      <div className="case-gap">
        {summary.gap === null ? (
          <span className="muted small">{t("noGap")}</span>
        ) : (
          <>
            <span className="kpi-small shortfall" aria-label={t("weightedGapLabel")}>
              {fmtGap(summary.gap)}
            </span>{" "}
            <span className="muted small">{t("weightedGap")}</span>
          </>
        )}
      </div>
      <p className="muted small case-meta">
        {t("submitted", { time: fmtMinute(format, summary.submittedAt, zone, locale) })}
        {summary.segment && <> · {summary.segment}</>} · {t("versionN", { n: summary.version })} ·{" "}
        {isLocale(summary.language) ? localeNames[summary.language] : summary.language}
      </p>
      {summary.worst.length > 0 && (
        <p className="small">
          {t("worst")}{" "}
          {summary.worst.map((w, i) => (
            <span key={w.criterion}>
              {i > 0 && ", "}
              {names.criterion(w.criterion)} <strong>{fmtGap(w.gap)}</strong>
            </span>
          ))}
        </p>
      )}
      {summary.comments.length > 0 ? (
        <ul className="comments" aria-label={t("comments")}>
          {summary.comments.map((c) => (
            <li key={c.criterion}>
              <span className="muted small">{names.criterion(c.criterion)}:</span> <q>{c.text}</q>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t("noComment")}</p>
      )}
    </>
  );
}

/** Who answered: their details (owners and managers), that details exist (analysts), or "anonymous". */
export async function WhoAnswered({ who }: { who: ResponseSummary["who"] }) {
  const t = await getTranslations("cases");
  if (who.kind === "anonymous") return <p className="case-who muted small">{t("anonymous")}</p>;
  if (who.kind === "onFile")
    return (
      <p className="case-who small" data-testid="contact-on-file">
        {t("onFile", { source: who.source })}
      </p>
    );
  return (
    <div className="case-who" data-testid="case-contact">
      <strong>{who.name || t("noName")}</strong>
      <span className="muted small"> · {who.source === "invite" ? t("fromInvite") : t("fromConsent")}</span>
      <div className="case-contact-lines small">
        {who.email && <a href={`mailto:${who.email}`}>{who.email}</a>}
        {who.phone && <a href={`tel:${who.phone.replace(/[^\d+]/g, "")}`}>{who.phone}</a>}
        {who.source === "invite" && who.contactId && <Link href={`/contacts/${who.contactId}`}>{t("remove.toContact")}</Link>}
      </div>
    </div>
  );
}
