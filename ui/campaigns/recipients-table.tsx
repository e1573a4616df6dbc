import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RecipientView } from "@/db/queries/campaigns";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";

// Why the mailer skipped a mail (lib/campaigns/delivery.ts checkBeforeSending) → message key.
const skipReasons: Record<string, string> = {
  unsubscribed: "unsubscribed",
  "invite retired": "inviteRetired",
  "contact deleted": "contactDeleted",
  "already answered": "alreadyAnswered",
  "survey closed": "surveyClosed",
};

type Props = {
  recipients: RecipientView[];
  /** The invitations wait for their send time. */
  scheduled: boolean;
  page: { number: number; size: number; total: number; href: (page: number) => string };
};

/** One page of a campaign's recipients: who, what became of their mail, reminders, answer, unsubscribe. */
export async function RecipientsTable({ recipients, scheduled, page }: Props) {
  const t = await getTranslations("campaigns.recipients");
  const format = await getFormatter();
  const minute = await getMinuteFormatter();
  const day = (ms: number) => minute(ms);
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const from = (page.number - 1) * page.size + 1;
  const to = Math.min(page.total, page.number * page.size);
  return (
    <section className="card" aria-labelledby="recipients-heading">
      <h2 id="recipients-heading">{t("heading")}</h2>
      {page.total === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          <p className="muted small">
            {pages > 1
              ? t("range", { from: format.number(from), to: format.number(to), total: format.number(page.total) })
              : t("count", { count: page.total })}
          </p>
          <div className="table-wrap">
            <table className="data recipients">
              <thead>
                <tr>
                  <th>{t("email")}</th>
                  <th>{t("name")}</th>
                  <th>{t("segment")}</th>
                  <th>{t("state")}</th>
                  <th className="num">{t("reminders")}</th>
                  <th>{t("responded")}</th>
                  <th>{t("unsubscribed")}</th>
                </tr>
              </thead>
              <tbody>
                {recipients.map((r) => {
                  const reason = r.error ? skipReasons[r.error] : undefined;
                  return (
                    <tr key={r.linkId}>
                      <td className="recipient-email">{r.email ?? <span className="muted">{t("deleted")}</span>}</td>
                      <td data-label={t("name")}>{r.name || <span className="muted">—</span>}</td>
                      <td data-label={t("segment")}>{r.segment || <span className="muted">—</span>}</td>
                      <td>
                        <span className={`badge mail-state ${r.state}`}>
                          {r.state === "queued" && scheduled ? t("states.scheduled") : t(`states.${r.state}`)}
                        </span>
                        {r.state === "sent" && r.sentAt !== null && <div className="muted small sent-at">{day(r.sentAt)}</div>}
                        {r.error && (
                          <div className={r.state === "skipped" ? "muted small recipient-error" : "field-error recipient-error"}>
                            {reason ? t(`reasons.${reason}`) : r.state === "sent" ? t("reminderFailed", { error: r.error }) : r.error}
                          </div>
                        )}
                      </td>
                      <td className="num" data-label={t("reminders")}>
                        {format.number(r.reminders)}
                      </td>
                      <td data-label={t("responded")}>
                        {r.respondedAt !== null ? (
                          <span className="responded">
                            <span aria-hidden="true">✓ </span>
                            <span className="visually-hidden">{t("yes")} </span>
                            {day(r.respondedAt)}
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td data-label={t("unsubscribed")}>{r.unsubscribedAt !== null ? day(r.unsubscribedAt) : <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav className="actions pager" aria-label={t("pages")}>
              {page.number > 1 && (
                <Link className="button secondary small" href={page.href(page.number - 1)} rel="prev">
                  {t("previous")}
                </Link>
              )}
              <span className="muted small">{t("pageOf", { page: page.number, pages })}</span>
              {page.number < pages && (
                <Link className="button secondary small" href={page.href(page.number + 1)} rel="next">
                  {t("next")}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
