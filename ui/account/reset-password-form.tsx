"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/app/(auth)/password-actions";
import type { FormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/ui/forms/form-message";
import { accountErrorText } from "./describe";
import { NewPasswordFields } from "./new-password-fields";

/** The new password, twice, for the link's token; a link that stopped working meanwhile says so with a way to ask again. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("account");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction, {});
  const describe = accountErrorText(t, te);
  if (state.message === "linkInvalid") {
    return (
      <div>
        <FormMessage message={describe("linkInvalid")} />
        <Link href="/forgot-password" className="button secondary">
          {t("reset.askAgain")}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} noValidate>
      <FormMessage message={state.message ? describe(state.message) : undefined} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={state.fieldErrors} describe={describe} />
      <button type="submit" className="button" disabled={pending}>
        {t("reset.submit")}
      </button>
    </form>
  );
}
