"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/http/client-address";
import { isLocale, defaultLocale } from "@/lib/i18n/locales";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/account";

// "Forgot password?" and the page its link opens. The rules are in
// lib/accounts/password-reset.ts; these check the form and map outcomes.

/** The same `ok` answer whether or not the email has an account (messages: account.forgot.*). */
export async function requestReset(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const locale = await getLocale();
  const outcome = await requestPasswordReset({
    email: parsed.data.email,
    address: clientAddress(await headers()),
    locale: isLocale(locale) ? locale : defaultLocale,
  });
  if (outcome.kind === "limited") return { message: "tooManyRequests", values: echoValues(form) };
  if (outcome.kind === "mailOff") return { message: "mailOff" };
  return { ok: true, message: "sent" };
}

/** On success, to sign-in with "password changed"; a used, expired or unknown link comes back as `linkInvalid`. */
export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    // A mangled token field is a link that does not work, not a field to fix.
    if (fieldErrors.token) return { message: "linkInvalid" };
    return { fieldErrors };
  }
  const outcome = await resetPassword(parsed.data.token, parsed.data.password);
  if (!outcome.ok) return { message: "linkInvalid" };
  redirect("/sign-in?reset=done");
}
