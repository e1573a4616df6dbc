import { isLocale } from "@/lib/i18n/locales";
import type { LocalizedText } from "@/lib/i18n/localized-text";
import { frameworks } from "./frameworks";

// What a customer reads above a criterion's questions. The method's names
// ("Recovery", 服務補救) and third-person definitions are written for managers;
// customers get a plain heading and one line addressed to them. Each preset
// criterion has defaults in every language (bank/frameworks.json); a manager
// may reword any language (empty = the default); a criterion of the manager's
// own has no defaults and falls back to its name and description.
//
// Staff (the internal survey about what customers expect) keep the method's
// names: they know the framework, and gaps 1–4 are read against it.

export type CustomerWording = { title: LocalizedText; description: LocalizedText };

/**
 * The preset's customer wording for a criterion key, or undefined for a
 * criterion of the manager's own. A snapshot names no framework: a key that
 * both presets use ("reliability") has the same wording in both (a test in
 * bank.test.ts holds them to it).
 */
export function defaultCustomerWording(key: string): CustomerWording | undefined {
  for (const f of ["gronroos", "servqual"] as const) {
    const found = frameworks[f].criteria.find((c) => c.key === key);
    if (found) return { title: found.customerTitle, description: found.customerDescription };
  }
  return undefined;
}

type CriterionTexts = {
  key: string;
  name: LocalizedText;
  description: LocalizedText;
  customerTitle?: LocalizedText | null;
  customerDescription?: LocalizedText | null;
};

const present = (value: string | undefined): value is string => value !== undefined && /\S/.test(value);

/**
 * What customers read, per language of `languages`: the manager's wording,
 * else the preset's default, else (own criteria) the name and description.
 */
export function customerWording(criterion: CriterionTexts, languages: readonly string[]): CustomerWording {
  const defaults = defaultCustomerWording(criterion.key);
  const title: LocalizedText = {};
  const description: LocalizedText = {};
  for (const language of languages.filter(isLocale)) {
    const t = [criterion.customerTitle?.[language], defaults?.title[language], criterion.name[language]].find(present);
    if (t) title[language] = t;
    const d = [criterion.customerDescription?.[language], defaults ? defaults.description[language] : criterion.description[language]].find(present);
    if (d) description[language] = d;
  }
  return { title, description };
}
