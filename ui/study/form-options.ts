import { industries } from "@/lib/questions/bank";
import { frameworks } from "@/lib/questions/frameworks";
import { localized } from "./localized";

/** Industries and framework presets named in the manager's language, for the study form. */
export function studyFormOptions(locale: string, describeFramework: (key: "gronroos" | "servqual") => string) {
  return {
    industries: industries.map((industry) => ({ key: industry.key, name: localized(industry.name, locale) })),
    frameworks: (["gronroos", "servqual"] as const).map((key) => ({
      key,
      name: localized(frameworks[key].name, locale),
      description: describeFramework(key),
    })),
  };
}
