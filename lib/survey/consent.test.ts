import { describe, expect, it } from "vitest";
import { checkConsent } from "./consent";

// The consent step's own rules: no (or nothing at all) stores nothing; yes
// needs an email address or a phone number, in a usable form.

describe("checkConsent", () => {
  it("takes no, and a step left untouched, as no contact", () => {
    expect(checkConsent({ contact: "no", contactName: "Lin", contactEmail: "lin@example.com" })).toEqual({ kind: "ok", contact: null });
    expect(checkConsent({})).toEqual({ kind: "ok", contact: null });
    expect(checkConsent({ contactName: "  ", contactEmail: "" })).toEqual({ kind: "ok", contact: null });
  });

  it("asks for a choice when details were typed without one (details alone are no consent)", () => {
    expect(checkConsent({ contactEmail: "lin@example.com" })).toEqual({ kind: "incomplete", fieldErrors: { contact: "contactChoose" } });
  });

  it("keeps a yes with its details, tidied (spaces, the address in lower case)", () => {
    expect(checkConsent({ contact: "yes", contactName: "  林  小姐 ", contactEmail: " Lin@Example.COM ", contactPhone: "" })).toEqual({
      kind: "ok",
      contact: { name: "林 小姐", email: "lin@example.com", phone: "" },
    });
    expect(checkConsent({ contact: "yes", contactPhone: "+886 (2) 2345-6789" })).toEqual({
      kind: "ok",
      contact: { name: "", email: "", phone: "+886 (2) 2345-6789" },
    });
  });

  it("needs an email address or a phone number with a yes", () => {
    expect(checkConsent({ contact: "yes", contactName: "Lin" })).toEqual({ kind: "incomplete", fieldErrors: { contactEmail: "contactNeeded" } });
  });

  it("refuses a malformed address, a phone that is no number and an overlong name", () => {
    expect(checkConsent({ contact: "yes", contactEmail: "lin@" })).toEqual({
      kind: "incomplete",
      fieldErrors: { contactEmail: "contactEmailInvalid" },
    });
    expect(checkConsent({ contact: "yes", contactPhone: "call me" }).kind).toBe("incomplete");
    expect(checkConsent({ contact: "yes", contactPhone: "12345" })).toEqual({
      kind: "incomplete",
      fieldErrors: { contactPhone: "contactPhoneInvalid" },
    });
    expect(checkConsent({ contact: "yes", contactEmail: "a@example.com", contactName: "x".repeat(101) })).toEqual({
      kind: "incomplete",
      fieldErrors: { contactName: "contactNameTooLong" },
    });
    expect(checkConsent({ contact: "yes", contactEmail: `${"a".repeat(250)}@example.com` }).kind).toBe("incomplete");
  });
});
