"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addMember } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

export function AddMemberForm() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(addMember, {});
  const describe = (code: string) => (te.has(code) ? te(code) : te("invalid"));
  return (
    <form action={action} noValidate>
      {state.ok ? (
        <FormMessage tone="ok" message={t("members.added")} />
      ) : (
        <FormMessage message={state.message ? describe(state.message) : undefined} />
      )}
      <div className="grid cols-3">
        <Field
          name="email"
          type="email"
          label={t("members.email")}
          defaultValue={state.ok ? "" : state.values?.email}
          errors={state.fieldErrors?.email}
          describeError={describe}
          required
        />
        <div className="field">
          <label htmlFor="member-role">{t("members.role")}</label>
          <select id="member-role" name="role" defaultValue={state.values?.role ?? "analyst"}>
            {(["analyst", "manager", "owner"] as const).map((role) => (
              <option key={role} value={role}>
                {tc(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="password"
          type="password"
          label={t("members.initialPassword")}
          hint={t("members.passwordHint")}
          autoComplete="new-password"
          errors={state.fieldErrors?.password}
          describeError={describe}
          required
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("members.add")}
      </button>
    </form>
  );
}
