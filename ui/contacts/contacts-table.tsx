import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ContactRow } from "@/db/queries/contacts";
import { localeNames } from "@/lib/i18n/locales";

/** One page of contacts: each email opens the contact; an unsubscribed one says so, with the day. */
export async function ContactsTable({ contacts }: { contacts: ContactRow[] }) {
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  return (
    <div className="card table-card">
      <div className="table-wrap">
        <table className="data contacts-table">
          <caption className="visually-hidden">{t("table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("table.email")}</th>
              <th scope="col">{t("table.name")}</th>
              <th scope="col">{t("table.phone")}</th>
              <th scope="col">{t("table.language")}</th>
              <th scope="col">{t("table.segment")}</th>
              <th scope="col">{t("table.externalId")}</th>
              <th scope="col">{t("table.status")}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/contacts/${c.id}`} className="study-name" aria-label={t("table.editLabel", { email: c.email })}>
                    {c.email}
                  </Link>
                </td>
                <td data-label={t("table.name")}>{c.name || <span className="muted">—</span>}</td>
                <td data-label={t("table.phone")} style={{ whiteSpace: "nowrap" }}>
                  {c.phone || <span className="muted">—</span>}
                </td>
                <td data-label={t("table.language")}>{c.language ? localeNames[c.language] : <span className="muted">—</span>}</td>
                <td data-label={t("table.segment")}>{c.segment || <span className="muted">—</span>}</td>
                <td data-label={t("table.externalId")}>{c.externalId || <span className="muted">—</span>}</td>
                <td data-label={t("table.status")}>
                  {c.unsubscribedAt !== null ? (
                    <>
                      <span className="badge warn-badge" style={{ marginLeft: 0 }}>
                        {t("table.unsubscribed")}
                      </span>{" "}
                      <span className="muted small" style={{ whiteSpace: "nowrap" }}>
                        {format.dateTime(new Date(c.unsubscribedAt), { dateStyle: "medium" })}
                      </span>
                    </>
                  ) : (
                    <span className="muted small">{t("table.subscribed")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
