"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signIn } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(signIn, {});
  const describe = (code: string) => (te.has(code) ? te(code) : te("invalid"));
  return (
    <form action={action} noValidate>
      <FormMessage message={state.message ? describe(state.message) : undefined} />
      {next && <input type="hidden" name="next" value={next} />}
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
      <Field
        name="password"
        type="password"
        label={t("fields.password")}
        autoComplete="current-password"
        errors={state.fieldErrors?.password}
        describeError={describe}
        required
      />
      <button type="submit" className="button" disabled={pending}>
        {t("signIn.submit")}
      </button>
    </form>
  );
}
