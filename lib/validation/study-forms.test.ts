import { describe, expect, it } from "vitest";
import { readStudyForm, studyCreateFormSchema, studySettingsFormSchema } from "./study";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

const base: [string, string][] = [
  ["name", " Front desk "],
  ["provider", "Harbour Hotel"],
  ["industry", "hotel"],
  ["languages", "zh-Hant"],
  ["languages", "en"],
  ["scale", "7"],
  ["framework", "gronroos"],
];

describe("the study form", () => {
  it("reads every setting, segments one per line", () => {
    const parsed = studyCreateFormSchema.parse(
      readStudyForm(form([...base, ["askImportance", "on"], ["segments", "Taipei\n\n Xinyi \r\nTaipei"], ["$ACTION_ID_x", ""]]), true),
    );
    expect(parsed).toEqual({
      name: "Front desk",
      provider: "Harbour Hotel",
      providerNames: {},
      industry: "hotel",
      languages: ["zh-Hant", "en"],
      scale: 7,
      framework: "gronroos",
      askImportance: true,
      segments: ["Taipei", "Xinyi"],
    });
  });

  it("refuses no language, an unknown one, a bad scale and a blank provider, field by field", () => {
    const result = studyCreateFormSchema.safeParse(
      readStudyForm(
        form([
          ["name", "X"],
          ["provider", " "],
          ["industry", "hotel"],
          ["scale", "6"],
          ["framework", "gronroos"],
        ]),
        true,
      ),
    );
    expect(result.success).toBe(false);
    const codes = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(codes).toEqual({ provider: "required", languages: "oneLanguage", scale: "invalidScale" });
    const unknown = studySettingsFormSchema.safeParse(readStudyForm(form([...base.slice(0, 3), ["languages", "fr"], ["scale", "5"]])));
    expect(unknown.error?.issues.map((i) => i.message)).toEqual(["unknownLanguage"]);
  });

  it("defaults the scale to 7 and refuses an unknown framework", () => {
    expect(studySettingsFormSchema.parse(readStudyForm(form(base.filter(([k]) => k !== "scale")))).scale).toBe(7);
    const result = studyCreateFormSchema.safeParse(readStudyForm(form([...base.slice(0, 6), ["framework", "kano"]]), true));
    expect(result.error?.issues.map((i) => i.message)).toEqual(["unknownFramework"]);
  });
});
