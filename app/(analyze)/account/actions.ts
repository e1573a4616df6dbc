"use server";

import { headers } from "next/headers";
import { changePassword } from "@/lib/accounts/change-password";
import { currentSessionTokenHash, requirePermission } from "@/lib/auth/current-user";
import { fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/http/client-address";
import { changePasswordSchema } from "@/lib/validation/account";

/** Any signed-in member changes their own password; on success `data.signedOut` counts the other sessions that ended. */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("read");
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const sessionTokenHash = await currentSessionTokenHash();
  // requirePermission found a live session, so its cookie is there.
  if (!sessionTokenHash) return { message: "invalid" };
  const outcome = await changePassword({
    userId: user.userId,
    sessionTokenHash,
    address: clientAddress(await headers()),
    current: parsed.data.current,
    password: parsed.data.password,
  });
  if (outcome.kind === "limited") return { message: "tooManyAttempts" };
  if (outcome.kind === "wrongPassword") return { fieldErrors: { current: ["wrongCurrentPassword"] } };
  return { ok: true, data: { signedOut: String(outcome.signedOut) } };
}
