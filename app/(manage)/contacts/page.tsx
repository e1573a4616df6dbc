import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { countContacts, countContactsThrough, listContacts, listContactSegments } from "@/db/queries/contacts";
import { requirePermission } from "@/lib/auth/current-user";
import { decodeCursor, encodeCursor } from "@/lib/contacts/cursor";
import { ContactForm } from "@/ui/contacts/contact-form";
import { ContactsTable } from "@/ui/contacts/contacts-table";
import { CsvColumns } from "@/ui/contacts/csv-columns";
import { CardSection } from "@/ui/layout/card-section";
import { PageHead } from "@/ui/layout/page-head";

export async function generateMetadata() {
  const t = await getTranslations("contacts");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const perPage = 50;

/** A query value as text: the first if repeated, without control characters (PostgreSQL refuses a NUL), at most `max` long. */
function param(value: string | string[] | undefined, max: number): string {
  const first = Array.isArray(value) ? value[0] : value;
  return (first ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, max);
}

/**
 * The workspace's contacts (personal data: owners and managers only). The
 * search and the segment live in the URL (a GET form, without JavaScript
 * too); pages of 50 follow each other by a keyset cursor (?after=).
 */
export default async function ContactsPage({ searchParams }: Props) {
  const user = await requirePermission("write");
  const t = await getTranslations("contacts");
  const query = await searchParams;
  const search = param(query.q, 200);
  const segment = param(query.segment, 100);
  const after = decodeCursor(param(query.after, 400));
  const filter = { search: search || undefined, segment: segment || undefined };
  const filtered = Boolean(search || segment);

  const db = getDb();
  const ws = user.workspaceId;
  const [total, matching, page, segments, before] = await Promise.all([
    countContacts(db, ws),
    countContacts(db, ws, filter),
    listContacts(db, ws, { ...filter, after, limit: perPage }),
    listContactSegments(db, ws),
    after ? countContactsThrough(db, ws, filter, after) : 0,
  ]);
  const link = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (search) params.set("q", search);
    if (segment) params.set("segment", segment);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    const text = params.toString();
    return text ? `/contacts?${text}` : "/contacts";
  };
  const imported =
    typeof query.created === "string" && typeof query.updated === "string"
      ? { created: Number(query.created) || 0, updated: Number(query.updated) || 0, file: param(query.file, 200) }
      : null;

  return (
    <>
      <PageHead title={t("title")} intro={t("intro")}>
        <div className="actions">
          <Link href="/contacts/import" className="button">
            {t("importButton")}
          </Link>
          <a href="#add-heading" className="button secondary">
            {t("addButton")}
          </a>
        </div>
      </PageHead>

      {imported && (
        <div className="alert ok" role="status">
          {t("imported", imported)}
        </div>
      )}
      {query.deleted === "1" && (
        <div className="alert ok" role="status">
          {t("deleted")}
        </div>
      )}

      {total === 0 ? (
        <section className="card empty-state guided" aria-labelledby="empty-heading">
          <h2 id="empty-heading">{t("empty.title")}</h2>
          <p>{t("empty.text")}</p>
          <h3>{t("empty.howTitle")}</h3>
          <p className="muted small" style={{ margin: "0 0 0.75rem" }}>
            {t("empty.howText")}
          </p>
          <CsvColumns />
          <div className="actions">
            <Link href="/contacts/import" className="button">
              {t("importButton")}
            </Link>
            <a className="button secondary" href="/contacts/example.csv" download>
              {t("empty.example")}
            </a>
          </div>
          <p className="muted small">{t("empty.orAdd")}</p>
        </section>
      ) : (
        <>
          {/* Keyed by the filter: after a client-side "Clear" the inputs show the URL's values, not what was typed before. */}
          <form
            key={`${search}\u0000${segment}`}
            method="get"
            action="/contacts"
            className="card filter-bar contacts-filter"
            role="search"
            aria-label={t("filter.legend")}
          >
            <div className="field">
              <label htmlFor="contacts-q">{t("filter.search")}</label>
              <input id="contacts-q" name="q" type="search" defaultValue={search} aria-describedby="contacts-q-hint" />
              <div className="hint" id="contacts-q-hint">
                {t("filter.searchHint")}
              </div>
            </div>
            <div className="field">
              <label htmlFor="contacts-segment">{t("filter.segment")}</label>
              <select id="contacts-segment" name="segment" defaultValue={segment}>
                <option value="">{t("filter.allSegments")}</option>
                {(segment && !segments.includes(segment) ? [segment, ...segments] : segments).map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-actions actions">
              <button type="submit" className="button">
                {t("filter.apply")}
              </button>
              {filtered && (
                <Link href="/contacts" className="button secondary">
                  {t("filter.clear")}
                </Link>
              )}
            </div>
          </form>

          <p className="muted" aria-live="polite">
            {filtered ? t("matching", { count: matching, total }) : t("total", { count: total })}
            {page.contacts.length > 0 && (after || page.next) && <> · {t("pageRange", { from: before + 1, to: before + page.contacts.length })}</>}
          </p>

          {page.contacts.length > 0 ? (
            <ContactsTable contacts={page.contacts} />
          ) : (
            <div className="card empty-state">
              <p>{t("noMatch")}</p>
              <Link href="/contacts" className="button secondary">
                {t("showAll")}
              </Link>
            </div>
          )}

          {(after || page.next) && (
            <nav className="actions" aria-label={t("table.caption")}>
              {after && (
                <Link href={link({})} className="button secondary">
                  {t("firstPage")}
                </Link>
              )}
              {page.next && (
                <Link href={link({ after: encodeCursor(page.next) })} className="button secondary" rel="next">
                  {t("nextPage")} →
                </Link>
              )}
            </nav>
          )}
        </>
      )}

      <CardSection headingId="add-heading" title={t("form.addTitle")}>
        <ContactForm mode="add" segments={segments} />
      </CardSection>
    </>
  );
}
