import type { Locale, LocalizedText } from "@/lib/i18n/localized-text";

// What both engines' schemas share: value sets of enum-like columns and the
// shapes of JSON columns.

export const roles = ["owner", "manager", "analyst"] as const;
export type Role = (typeof roles)[number];

export const linkKinds = ["public", "invite", "internal"] as const;

// "staged": stored by an import that has not finished; no reader sees it
// (every read asks for "submitted" or "in_progress").
export const responseStatuses = ["in_progress", "submitted", "staged"] as const;

// "demo": generating the demo study (lib/demo/demo-job.ts).
export type JobKind = "import" | "demo";
export type JobState = "receiving" | "queued" | "running" | "succeeded" | "failed" | "cancelled";

export type VersionSnapshot = {
  scale: 5 | 7;
  languages: Locale[];
  provider: string;
  /** The provider's name per language where it differs from `provider` (absent in versions published before). */
  providerNames?: LocalizedText;
  askImportance: boolean;
  criteria: {
    id: string;
    key: string;
    name: LocalizedText;
    description: LocalizedText;
    /** What customers read (absent: the defaults for `key`, else `name`). */
    customerTitle?: LocalizedText;
    customerDescription?: LocalizedText;
    weight: number;
    items: { id: string; key: string; text: LocalizedText; reverse: boolean }[];
  }[];
};

// A campaign recipient: "queued" until the invitation is sent, then "sent";
// "failed" when the mail server refused it for good; "skipped" when the
// contact had unsubscribed (or was deleted) before it went out.
export type RecipientState = "queued" | "sent" | "failed" | "skipped";

// "alert": a follow-up case opened by a study's alert rule, to the members it names.
export type EmailKind = "invitation" | "reminder" | "password-reset" | "test" | "alert";
// "queued" (due at send_after, maybe after a temporary failure), "sent",
// "failed" (refused for good or out of tries), "skipped" (no longer wanted).
export type EmailState = "queued" | "sent" | "failed" | "skipped";

/** A study's own wording of the invitation mail, per language (unset parts use the defaults). */
export type MailTemplate = { subject?: LocalizedText; intro?: LocalizedText; button?: LocalizedText };

// A follow-up case (closed loop): "open" when a shortfall reached the team,
// "contacted" once someone spoke to the customer, "resolved" when done.
export const caseStates = ["open", "contacted", "resolved"] as const;
export type CaseState = (typeof caseStates)[number];
// Why a case was opened: the study's alert rule at submit, or a manager by hand.
export type CaseOrigin = "alert" | "manual";

export const webhookEvents = ["response.submitted", "response.alert"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
// "queued" (due at send_after, maybe after a failed attempt), "delivered"
// (a 2xx answer), "failed" (out of tries).
export type DeliveryState = "queued" | "delivered" | "failed";
