"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/app/(analyze)/account/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";
import { accountErrorText } from "./describe";
import { NewPasswordFields } from "./new-password-fields";

/** Current password, new one twice; on success, how many other sessions were signed out. */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  const describe = accountErrorText(t, te);
  return (
    <form action={action} noValidate>
      {state.ok ? (
        <FormMessage tone="ok" message={t("account.changed", { count: Number(state.data?.signedOut ?? 0) })} />
      ) : (
        <FormMessage message={state.message ? describe(state.message) : undefined} />
      )}
      <Field
        name="current"
        type="password"
        label={t("fields.currentPassword")}
        autoComplete="current-password"
        errors={state.fieldErrors?.current}
        describeError={describe}
        required
      />
      <NewPasswordFields errors={state.fieldErrors} describe={describe} />
      <button type="submit" className="button" disabled={pending}>
        {t("account.submit")}
      </button>
    </form>
  );
}
