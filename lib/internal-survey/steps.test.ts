import { describe, expect, it } from "vitest";
import type { VersionSnapshot } from "@/db/schema";
import { stepRatings } from "./step-form";
import { causeStatementsOf, parseRating, stepsFor } from "./steps";

const snapshot: VersionSnapshot = {
  scale: 5,
  languages: ["en"],
  provider: "P",
  askImportance: false,
  criteria: [
    { id: "c1", key: "a", name: { en: "A" }, description: {}, weight: 50, items: [{ id: "i1", key: "a1", text: { en: "x" }, reverse: false }] },
    { id: "c2", key: "b", name: { en: "B" }, description: {}, weight: 50, items: [{ id: "i2", key: "b1", text: { en: "y" }, reverse: false }] },
  ],
};

describe("the internal questionnaire", () => {
  it("asks management and delivery the causes after the criteria, not the standard or communication", () => {
    expect(stepsFor(snapshot, "management").map((s) => s.kind)).toEqual(["criterion", "criterion", "causes"]);
    expect(stepsFor(snapshot, "delivery").at(-1)).toEqual({ kind: "causes" });
    expect(stepsFor(snapshot, "standard").map((s) => s.kind)).toEqual(["criterion", "criterion"]);
    expect(stepsFor(snapshot, "communication")).toHaveLength(2);
  });

  it("gives management the statements of gaps 1–2 and staff those of gaps 3–4", () => {
    expect(causeStatementsOf("management").length).toBeGreaterThanOrEqual(14);
    expect(causeStatementsOf("management").some((s) => s.factor === "teamwork")).toBe(false);
    expect(causeStatementsOf("delivery").some((s) => s.factor === "teamwork")).toBe(true);
  });

  it("accepts whole ratings within the scale and N/A, and lists what is missing", () => {
    expect(parseRating("5", 5)).toEqual({ ok: true, rating: 5 });
    expect(parseRating("na", 5)).toEqual({ ok: true, rating: null });
    for (const bad of ["6", "0", "2.5", "", null, "1e1"]) expect(parseRating(bad, 5)).toEqual({ ok: false });
    const read = stepRatings(new Map([["item:i1", "4"]]), ["i1", "i2"], "item", 5);
    expect(read.values.get("i1")).toBe(4);
    expect(read.missing).toEqual(["i2"]);
  });
});
