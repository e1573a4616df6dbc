import { z } from "zod";
import type { ResponseContact } from "@/db/queries/response-contacts";

// The survey's consent step: "May we contact you about your answers?" No,
// or yes with a name and an email address or a phone number (at least one
// of the two). What a customer can get wrong comes back beside the field.

export const contactLimits = { name: 100, email: 254, phone: 40 } as const;

const emailFormat = z.email();
// Digits with the usual separators and an optional leading +, 6 to 20 digits.
const phoneFormat = /^\+?[0-9()\-./\s]+$/;

export type ConsentFields = { contact?: "yes" | "no"; contactName?: string; contactEmail?: string; contactPhone?: string };

export type ConsentCheck = { kind: "ok"; contact: ResponseContact | null } | { kind: "incomplete"; fieldErrors: Record<string, string> };

const clean = (value: string | undefined) => (value ?? "").replace(/\s+/g, " ").trim();

export function checkConsent(form: ConsentFields): ConsentCheck {
  const name = clean(form.contactName);
  const email = clean(form.contactEmail).toLowerCase();
  const phone = clean(form.contactPhone);
  if (form.contact === "no") return { kind: "ok", contact: null };
  if (form.contact === undefined) {
    // Nothing chosen and nothing typed: skipped, like "No". Details typed
    // without a "Yes" are not consent: ask.
    if (name === "" && email === "" && phone === "") return { kind: "ok", contact: null };
    return { kind: "incomplete", fieldErrors: { contact: "contactChoose" } };
  }
  const fieldErrors: Record<string, string> = {};
  if (name.length > contactLimits.name) fieldErrors.contactName = "contactNameTooLong";
  if (email !== "" && (email.length > contactLimits.email || !emailFormat.safeParse(email).success)) fieldErrors.contactEmail = "contactEmailInvalid";
  const digits = phone.replace(/\D/g, "").length;
  if (phone !== "" && (phone.length > contactLimits.phone || !phoneFormat.test(phone) || digits < 6 || digits > 20)) {
    fieldErrors.contactPhone = "contactPhoneInvalid";
  }
  if (email === "" && phone === "") fieldErrors.contactEmail = "contactNeeded";
  if (Object.keys(fieldErrors).length > 0) return { kind: "incomplete", fieldErrors };
  return { kind: "ok", contact: { name, email, phone } };
}
