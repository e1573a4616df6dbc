"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createWebhookAction } from "@/app/(manage)/settings/webhook-actions";
import { webhookEvents } from "@/db/schema/shared";
import type { FormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/ui/forms/form-message";

/** URL and events; on success the secret, shown this once. Works without JavaScript. */
export function CreateWebhookForm() {
  const t = useTranslations("settings.webhooks");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(createWebhookAction, {});
  const describe = (code: string) => {
    if (code.startsWith("webhook.")) return t(`refused.${code.slice("webhook.".length)}` as "refused.private");
    return te.has(code) ? te(code) : te("invalid");
  };
  const chosen = state.values ? new Set((state.values.events ?? "").split(",")) : new Set<string>(webhookEvents);
  const urlErrors = state.fieldErrors?.url;
  const eventErrors = state.fieldErrors?.events;
  return (
    <form action={action} noValidate key={state.ok ? `done-${state.data?.secret}` : "form"}>
      {state.ok && state.data?.secret ? (
        <div className="alert ok" aria-live="polite">
          <p>
            <strong>{t("createdOk", { url: state.data.url })}</strong>
          </p>
          <p>{t("secretOnce")}</p>
          <p className="small">{t("secret")}</p>
          <code data-testid="new-webhook-secret" style={{ wordBreak: "break-all", display: "block", userSelect: "all" }}>
            {state.data.secret}
          </code>
        </div>
      ) : (
        <FormMessage message={state.message ? t(state.message === "webhookTooMany" ? "tooMany" : "failed") : undefined} />
      )}
      <div className="field">
        <label htmlFor="webhook-url">{t("url")}</label>
        <input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://"
          defaultValue={state.ok ? "" : state.values?.url}
          aria-invalid={urlErrors?.length ? true : undefined}
          aria-describedby={urlErrors?.length ? "webhook-url-error webhook-url-hint" : "webhook-url-hint"}
        />
        <div className="hint" id="webhook-url-hint">
          {t("urlHint")}
        </div>
        {urlErrors?.length ? (
          <div className="field-error" id="webhook-url-error">
            {urlErrors.map(describe).join(" ")}
          </div>
        ) : null}
      </div>
      <fieldset className="field choice-group" aria-describedby={eventErrors?.length ? "webhook-events-error" : undefined}>
        <legend className="label">{t("events")}</legend>
        {webhookEvents.map((event) => (
          <label className="checkbox" key={event}>
            <input type="checkbox" name="events" value={event} defaultChecked={state.ok || chosen.has(event)} />
            <span>
              <code>{event}</code> — {t(`event.${event === "response.alert" ? "alert" : "submitted"}`)}
            </span>
          </label>
        ))}
        {eventErrors?.length ? (
          <div className="field-error" id="webhook-events-error">
            {eventErrors.map(describe).join(" ")}
          </div>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {t("add")}
      </button>
    </form>
  );
}
