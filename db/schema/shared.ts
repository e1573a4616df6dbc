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
  askImportance: boolean;
  criteria: {
    id: string;
    key: string;
    name: LocalizedText;
    description: LocalizedText;
    weight: number;
    items: { id: string; key: string; text: LocalizedText; reverse: boolean }[];
  }[];
};
