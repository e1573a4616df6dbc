"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/current-user";
import { contactFormSchema } from "@/lib/contacts/contact";
import { addContact, editContact, removeContact } from "@/lib/contacts/store";
import { echoValues, fieldErrorsOf, formOf, type FormState } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

// The contacts pages' forms: the caller and the form are checked here, the
// workspace's rules are in lib/contacts/store.ts. A refusal comes back as a
// code the form translates (contacts.form.<code>, else errors.<code>).

export async function addContactAction(_prev: FormState, input: FormData): Promise<FormState> {
  const form = formOf(input);
  const user = await requirePermission("write");
  const parsed = contactFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const outcome = await addContact(user.workspaceId, parsed.data);
  if (!outcome.ok) return { fieldErrors: { email: [outcome.code] }, values: echoValues(form) };
  revalidatePath("/contacts");
  return { ok: true, message: "added", data: { id: outcome.id, email: parsed.data.email } };
}

export async function saveContactAction(_prev: FormState, input: FormData): Promise<FormState> {
  const form = formOf(input);
  const user = await requirePermission("write");
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) return { message: "notFound" };
  const parsed = contactFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const outcome = await editContact(user.workspaceId, id.data, parsed.data);
  if (!outcome.ok) {
    return outcome.code === "emailTaken" ? { fieldErrors: { email: ["emailTaken"] }, values: echoValues(form) } : { message: "notFound" };
  }
  revalidatePath("/contacts", "layout");
  // The stored values (trimmed, the email lower-cased) refill the form.
  const { language, ...rest } = parsed.data;
  return { ok: true, message: "saved", values: { ...rest, language: language ?? "" } };
}

/** The confirmed delete of the contact page; another workspace's id or a forged one changes nothing. */
export async function deleteContactAction(input: FormData): Promise<void> {
  const form = formOf(input);
  const user = await requirePermission("write");
  const id = idSchema.safeParse(form.get("id"));
  if (id.success && (await removeContact(user.workspaceId, id.data))) {
    revalidatePath("/contacts");
    redirect("/contacts?deleted=1");
  }
  redirect("/contacts");
}
