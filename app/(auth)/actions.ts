"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { transaction } from "@/db/client";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { AccountError, checkCredentials } from "@/lib/accounts/accounts";
import { setUpWorkspace } from "@/lib/accounts/set-up";
import { endSession, startSession } from "@/lib/auth/current-user";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { setupSchema, signInSchema } from "@/lib/validation/auth";
import { clientAddress } from "@/lib/http/client-address";
import { localPath } from "@/lib/http/local-path";
import { env } from "@/lib/env";

export async function setUp(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  }
  let demo: Awaited<ReturnType<typeof setUpWorkspace>>["demo"];
  try {
    // The set-up page ticks "Also create a demo study" by default.
    const owner = await setUpWorkspace(parsed.data, form.get("demo") === "on");
    await startSession(owner.userId, owner.workspaceId);
    demo = owner.demo;
  } catch (error) {
    if (error instanceof AccountError) return { message: error.code, values: echoValues(form) };
    throw error;
  }
  // The list shows the demo (with a link to open it) beside "New study".
  redirect(demo === "failed" ? "/studies?demo=failed" : "/studies");
}

const signInLimit = env.SIGN_IN_RATE_LIMIT;

export async function signIn(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  }
  const address = clientAddress(await headers());
  const now = Date.now();
  // Per address and per account, so neither a spray nor a focused guess gets far.
  const [byAddress, byEmail] = await transaction(async (tx) => [
    await hitRateLimit(tx, `sign-in:ip:${address}`, signInLimit * 3, 15 * 60_000, now),
    await hitRateLimit(tx, `sign-in:email:${parsed.data.email.toLowerCase()}`, signInLimit, 15 * 60_000, now),
  ]);
  if (!byAddress.allowed || !byEmail.allowed) {
    return { message: "tooManyAttempts", values: echoValues(form) };
  }
  const account = await checkCredentials(parsed.data.email, parsed.data.password);
  // One message for unknown email and wrong password: no account discovery.
  if (!account) return { message: "invalidCredentials", values: echoValues(form) };
  await startSession(account.userId, account.workspaceId);
  redirect(localPath(form.get("next")) ?? "/studies");
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
