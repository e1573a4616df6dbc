"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { requestReset } from "@/app/(auth)/password-actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";
import { accountErrorText } from "./describe";

/** "Forgot password?": an email, then the one answer for every email (whether or not it has an account). */
export function ForgotPasswordForm() {
  const t = useTranslations("account");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(requestReset, {});
  const describe = accountErrorText(t, te);
  if (state.ok) {
    return (
      <div>
        <FormMessage tone="ok" message={t("forgot.sent")} />
        <p>
          <Link href="/sign-in">{t("forgot.backToSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} noValidate>
      <FormMessage message={state.message ? describe(state.message) : undefined} />
      <Field
        name="email"
        type="email"
        label={t("fields.email")}
        autoComplete="username"
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
        describeError={describe}
        required
      />
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {t("forgot.submit")}
        </button>
        <Link href="/sign-in">{t("forgot.backToSignIn")}</Link>
      </div>
    </form>
  );
}
