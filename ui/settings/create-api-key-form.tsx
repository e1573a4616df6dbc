"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createKey } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

export function CreateApiKeyForm() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(createKey, {});
  const describe = (code: string) => (te.has(code) ? te(code) : te("invalid"));
  return (
    <form action={action} noValidate>
      {state.ok && state.data?.key ? (
        <div className="alert ok" aria-live="polite">
          <p>{t("apiKeys.shownOnce")}</p>
          <code data-testid="new-api-key" style={{ wordBreak: "break-all" }}>
            {state.data.key}
          </code>
        </div>
      ) : (
        <FormMessage message={state.message ? describe(state.message) : undefined} />
      )}
      <div className="grid cols-3">
        <Field name="name" label={t("apiKeys.name")} errors={state.fieldErrors?.name} describeError={describe} />
        <div className="field">
          <label htmlFor="key-role">{t("members.role")}</label>
          <select id="key-role" name="role" defaultValue="analyst">
            <option value="analyst">{tc("roles.analyst")}</option>
            <option value="manager">{tc("roles.manager")}</option>
          </select>
        </div>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("apiKeys.create")}
      </button>
    </form>
  );
}
