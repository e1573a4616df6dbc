import { industries } from "@/lib/questions/bank";
import { frameworks } from "@/lib/questions/frameworks";
import { textIn } from "@/lib/i18n/localized-text";

/** Industries and framework presets named in the manager's language, for the study form. */
export function studyFormOptions(locale: string, describeFramework: (key: "gronroos" | "servqual") => string) {
  return {
    industries: industries.map((industry) => ({ key: industry.key, name: textIn(industry.name, locale) })),
    frameworks: (["gronroos", "servqual"] as const).map((key) => ({
      key,
      name: textIn(frameworks[key].name, locale),
      description: describeFramework(key),
    })),
  };
}
