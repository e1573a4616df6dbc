"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { setUp } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

export function SetupForm() {
  const t = useTranslations("auth");
  const te = useTranslations("errors");
  const td = useTranslations("demo");
  const [state, action, pending] = useActionState<FormState, FormData>(setUp, {});
  const describe = (code: string) => (te.has(code) ? te(code) : te("invalid"));
  return (
    <form action={action} noValidate>
      {/* The browser's time zone becomes the workspace's (UTC without JavaScript; Settings can change it). */}
      <input
        type="hidden"
        name="timeZone"
        defaultValue={state.values?.timeZone ?? ""}
        ref={(el) => {
          if (el && !el.value) el.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
        }}
      />
      <FormMessage message={state.message ? describe(state.message) : undefined} />
      <Field
        name="workspace"
        label={t("fields.workspace")}
        hint={t("setup.workspaceHint")}
        defaultValue={state.values?.workspace}
        errors={state.fieldErrors?.workspace}
        describeError={describe}
        required
      />
      <Field
        name="name"
        label={t("fields.name")}
        autoComplete="name"
        defaultValue={state.values?.name}
        errors={state.fieldErrors?.name}
        describeError={describe}
      />
      <Field
        name="email"
        type="email"
        label={t("fields.email")}
        autoComplete="email"
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
        describeError={describe}
        required
      />
      <Field
        name="password"
        type="password"
        label={t("fields.password")}
        hint={t("setup.passwordHint")}
        hintIsRule
        autoComplete="new-password"
        errors={state.fieldErrors?.password}
        describeError={describe}
        required
      />
      <div className="field">
        <label className="checkbox">
          {/* Ticked on a first visit; after an error, as the user left it. */}
          <input type="checkbox" name="demo" defaultChecked={state.values ? state.values.demo === "on" : true} aria-describedby="setup-demo-hint" />
          {td("setupCheckbox")}
        </label>
        <div className="hint" id="setup-demo-hint">
          {td("setupHint")}
        </div>
      </div>
      <button type="submit" className="button" disabled={pending} aria-busy={pending || undefined}>
        {pending ? td("setupCreating") : t("setup.submit")}
      </button>
    </form>
  );
}
