"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";

/** The new password typed twice, as the reset and change-password forms ask for it. */
export function NewPasswordFields({ errors, describe }: { errors: FormState["fieldErrors"]; describe: (code: string) => string }) {
  const t = useTranslations("account");
  return (
    <>
      <Field
        name="password"
        type="password"
        label={t("fields.newPassword")}
        hint={t("fields.newPasswordHint")}
        hintIsRule
        autoComplete="new-password"
        errors={errors?.password}
        describeError={describe}
        required
      />
      <Field
        name="repeat"
        type="password"
        label={t("fields.repeatPassword")}
        autoComplete="new-password"
        errors={errors?.repeat}
        describeError={describe}
        required
      />
    </>
  );
}
