import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { deleteWebhookAction } from "@/app/(manage)/settings/webhook-actions";
import type { WebhookSummary } from "@/db/queries/webhooks";
import { CardSection } from "@/ui/layout/card-section";
import { CreateWebhookForm } from "./create-webhook-form";

/** The workspace's webhooks (events, created, the last delivery's outcome), each with its log and a confirmed delete; the form to add one. */
export async function WebhooksSection({ hooks }: { hooks: WebhookSummary[] }) {
  const t = await getTranslations("settings.webhooks");
  const format = await getFormatter();
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  return (
    <CardSection headingId="webhooks-heading" title={t("title")} intro={t("intro")}>
      {hooks.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className="webhook-list">
          {hooks.map((hook) => (
            <li key={hook.id} className="webhook-item">
              <div className="webhook-url">
                <code>{hook.url}</code>
              </div>
              <dl className="webhook-facts small">
                <div>
                  <dt>{t("events")}</dt>
                  <dd>{hook.events.map((event) => t(`event.${event === "response.alert" ? "alert" : "submitted"}`)).join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("created")}</dt>
                  <dd>{when(hook.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t("lastDelivery")}</dt>
                  <dd>
                    {hook.last
                      ? `${t(`state.${hook.last.state}`)}${hook.last.status !== null ? ` · ${t("status", { status: hook.last.status })}` : ""} · ${when(hook.last.at)}`
                      : t("noDeliveries")}
                  </dd>
                </div>
              </dl>
              <div className="webhook-actions">
                <Link href={`/settings/webhooks/${hook.id}`} className="button secondary small">
                  {t("log")}
                </Link>
                {/* The confirmation step is a <details>: it opens without JavaScript. */}
                <details className="danger-zone">
                  <summary>{t("delete")}</summary>
                  <form action={deleteWebhookAction}>
                    <input type="hidden" name="id" value={hook.id} />
                    <p className="small">{t("deleteText", { url: hook.url })}</p>
                    <button type="submit" className="button danger small">
                      {t("deleteConfirm")}
                    </button>
                  </form>
                </details>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3 style={{ marginTop: "1.25rem" }}>{t("addTitle")}</h3>
      <CreateWebhookForm />
    </CardSection>
  );
}
