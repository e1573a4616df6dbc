import type { Locale, LocalizedText } from "@/lib/i18n/localized-text";

// What both engines' schemas share: value sets of enum-like columns and the
// shapes of JSON columns.

export const roles = ["owner", "manager", "analyst"] as const;
export type Role = (typeof roles)[number];

export const linkKinds = ["public", "invite", "internal"] as const;

export const responseStatuses = ["in_progress", "submitted"] as const;

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
