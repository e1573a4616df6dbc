"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountError, checkCredentials } from "@/lib/accounts/accounts";
import { setUpWorkspace } from "@/lib/accounts/set-up";
import { endSession, startSession } from "@/lib/auth/current-user";
import { limitedSignIn } from "@/lib/auth/sign-in-limit";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { setupSchema, signInSchema } from "@/lib/validation/auth";
import { clientAddress } from "@/lib/http/client-address";
import { localPath } from "@/lib/http/local-path";

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

export async function signIn(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  }
  // Failures per address and per account, so neither a spray nor a focused guess gets far.
  const attempt = await limitedSignIn({ address: clientAddress(await headers()), email: parsed.data.email, now: Date.now() }, () =>
    checkCredentials(parsed.data.email, parsed.data.password),
  );
  if (attempt.kind === "limited") return { message: "tooManyAttempts", values: echoValues(form) };
  // One message for unknown email and wrong password: no account discovery.
  if (attempt.kind === "failed") return { message: "invalidCredentials", values: echoValues(form) };
  const { account } = attempt;
  await startSession(account.userId, account.workspaceId);
  redirect(localPath(form.get("next")) ?? "/studies");
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
