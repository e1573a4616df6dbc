import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listDeliveries, webhookOfWorkspace } from "@/db/queries/webhooks";
import { requirePermission } from "@/lib/auth/current-user";
import { idSchema } from "@/lib/validation/ids";
import { decodeDeliveryCursor, encodeDeliveryCursor } from "@/lib/webhooks/webhook-json";
import { CardSection } from "@/ui/layout/card-section";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const perPage = 50;
/** lastError codes the page words itself (anything else is shown as stored). */
const knownErrors = new Set(["http", "redirect", "timeout", "private-address", "unresolved", "connection-refused", "connection-reset", "tls"]);

export async function generateMetadata() {
  const t = await getTranslations("settings.webhooks");
  return { title: t("logTitle") };
}

/** A webhook's deliveries, newest first: when, event, outcome, attempts, the last answer or error, and the next try. */
export default async function WebhookDeliveriesPage({ params, searchParams }: Props) {
  const user = await requirePermission("write");
  const { id } = await params;
  const hook = idSchema.safeParse(id).success ? await webhookOfWorkspace(getDb(), user.workspaceId, id) : undefined;
  if (!hook) notFound();
  const t = await getTranslations("settings.webhooks");
  const format = await getFormatter();
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "medium" });
  const afterParam = (await searchParams).after;
  const after = typeof afterParam === "string" ? decodeDeliveryCursor(afterParam) : null;
  const page = await listDeliveries(getDb(), hook.id, after, perPage);
  const describeError = (error: string | null, status: number | null) => {
    if (error === null) return "—";
    if (error === "http" && status !== null) return t("error.httpStatus", { status });
    return knownErrors.has(error) ? t(`error.${error}` as "error.timeout") : error;
  };
  return (
    <>
      <div className="crumbs">
        <Link href="/settings#webhooks-heading">← {t("back")}</Link>
      </div>
      <PageHead title={t("logTitle")} intro={t("logIntro")} />
      <CardSection headingId="webhook-heading" title={<code style={{ overflowWrap: "anywhere" }}>{hook.url}</code>}>
        <p className="small muted">
          {t("events")}: {hook.events.map((event) => t(`event.${event === "response.alert" ? "alert" : "submitted"}`)).join(", ")} · {t("created")}:{" "}
          {when(hook.createdAt)}
        </p>
        {page.deliveries.length === 0 ? (
          <p className="muted">{after ? t("noOlder") : t("noDeliveriesYet")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-label={t("logTitle")}>
              <thead>
                <tr>
                  <th>{t("col.time")}</th>
                  <th>{t("col.event")}</th>
                  <th>{t("col.state")}</th>
                  <th>{t("col.attempts")}</th>
                  <th>{t("col.status")}</th>
                  <th>{t("col.error")}</th>
                  <th>{t("col.next")}</th>
                </tr>
              </thead>
              <tbody>
                {page.deliveries.map((d) => (
                  <tr key={d.id} data-delivery={d.id}>
                    <td>{when(d.createdAt)}</td>
                    <td>
                      <code>{d.event}</code>
                    </td>
                    <td>{t(`state.${d.state}`)}</td>
                    <td>{d.attempts}</td>
                    <td>{d.lastStatus ?? "—"}</td>
                    <td>{describeError(d.lastError, d.lastStatus)}</td>
                    <td>
                      {d.state === "queued"
                        ? when(d.sendAfter)
                        : d.state === "delivered" && d.deliveredAt
                          ? t("deliveredAt", { time: when(d.deliveredAt) })
                          : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="small" style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
          {after && <Link href={`/settings/webhooks/${hook.id}`}>{t("newest")}</Link>}
          {page.next && <Link href={`/settings/webhooks/${hook.id}?after=${encodeDeliveryCursor(page.next)}`}>{t("older")}</Link>}
        </p>
      </CardSection>
    </>
  );
}
