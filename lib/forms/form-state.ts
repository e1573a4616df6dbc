import type { z } from "zod";

/**
 * What a server action hands back to its form: error codes per field and
 * one for the form. Codes, not texts: the form translates them, and nothing
 * secret ends up in the HTML (useActionState copies this state into it).
 */
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** Extra data for a successful action (e.g. an API key shown once). */
  data?: Record<string, string>;
};

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The submitted text fields, to refill a form after an error (never passwords). */
export function echoValues(form: FormData, omit: string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !omit.includes(key) && !key.startsWith("$")) values[key] = value.slice(0, 500);
  }
  return values;
}

/**
 * A server action's form argument, checked. Anyone can call an action with
 * arguments of their own making (a fetch-style call carries JSON, not a
 * form), so anything but FormData becomes an empty form: it then fails
 * validation like a blank one instead of throwing (a 500).
 */
export function formOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
