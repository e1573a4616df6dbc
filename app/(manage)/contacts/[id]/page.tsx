import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findContact, listContactSegments } from "@/db/queries/contacts";
import { requirePermission } from "@/lib/auth/current-user";
import { idSchema } from "@/lib/validation/ids";
import { deleteContactAction } from "../actions";
import { ContactForm } from "@/ui/contacts/contact-form";
import { CardSection } from "@/ui/layout/card-section";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }> };

async function contactOf(params: Props["params"]) {
  const user = await requirePermission("write");
  const { id } = await params;
  const contact = idSchema.safeParse(id).success ? await findContact(getDb(), user.workspaceId, id) : undefined;
  if (!contact) notFound();
  return { user, contact };
}

export async function generateMetadata() {
  const t = await getTranslations("contacts");
  return { title: t("title") };
}

/** One contact: its fields to edit, whether it unsubscribed (and when), and its delete behind a confirmation step. */
export default async function ContactPage({ params }: Props) {
  const { user, contact } = await contactOf(params);
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  const segments = await listContactSegments(getDb(), user.workspaceId);
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <div className="crumbs">
        <Link href="/contacts">← {t("edit.back")}</Link>
      </div>
      <PageHead title={contact.name || contact.email} intro={contact.name ? contact.email : undefined} />

      {contact.unsubscribedAt !== null && (
        <div className="alert warn" role="status">
          <strong>{t("edit.unsubscribedTitle")}.</strong>{" "}
          {t("edit.unsubscribedText", { name: contact.name || contact.email, date: day(contact.unsubscribedAt) })}
        </div>
      )}

      <CardSection headingId="details-heading" title={t("form.editTitle")}>
        <dl className="summary-list" style={{ marginBottom: "1rem" }}>
          <dt>{t("edit.status")}</dt>
          <dd>
            {contact.unsubscribedAt !== null ? (
              <>
                <span className="badge warn-badge" style={{ marginLeft: 0 }}>
                  {t("table.unsubscribed")}
                </span>{" "}
                {when(contact.unsubscribedAt)}
              </>
            ) : (
              t("table.subscribed")
            )}
          </dd>
          <dt>{t("edit.created")}</dt>
          <dd>{when(contact.createdAt)}</dd>
          <dt>{t("edit.updated")}</dt>
          <dd>{when(contact.updatedAt)}</dd>
        </dl>
        <ContactForm
          mode="edit"
          id={contact.id}
          segments={segments}
          contact={{
            email: contact.email,
            name: contact.name,
            phone: contact.phone,
            language: contact.language ?? "",
            segment: contact.segment,
            externalId: contact.externalId,
          }}
        />
        {/* The confirmation step is a <details>: it opens without JavaScript. */}
        <details className="danger-zone">
          <summary>{t("delete.summary")}</summary>
          <form action={deleteContactAction}>
            <input type="hidden" name="id" value={contact.id} />
            <p className="small">{t("delete.text", { email: contact.email })}</p>
            <button type="submit" className="button danger small">
              {t("delete.confirm", { email: contact.email })}
            </button>
          </form>
        </details>
      </CardSection>
    </>
  );
}
