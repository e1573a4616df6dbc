import { describe, expect, it } from "vitest";
import { parseStepForm } from "./step-form";

// Field names of a survey post are chosen by the client.
describe("parseStepForm and hostile field names", () => {
  const base: [string, string][] = [
    ["rid", "9b2b1f8e-2a8b-4c4c-9d2e-1a2b3c4d5e6f"],
    ["v", "version-1"],
    ["step", "1"],
  ];

  it("never writes to Object.prototype (e.__proto__ once made every later request of the process fail)", () => {
    for (const name of ["e.__proto__", "p.__proto__", "na.__proto__", "w.__proto__", "e.constructor", "w.prototype"]) {
      const parsed = parseStepForm([...base, [name, "1"]]);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problems).toEqual([{ path: name, code: "unknownField" }]);
    }
    const probe = {} as Record<string, unknown>;
    expect([probe.e, probe.p, probe.na, probe.w]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("still reads a normal step", () => {
    const parsed = parseStepForm([...base, ["e.item-1", "6"], ["p.item-1", "4"], ["na.item-2", "1"], ["comment", " Slow. "]]);
    expect(parsed.ok && { answers: { ...parsed.value.answers }, comment: parsed.value.comment }).toEqual({
      answers: { "item-1": { e: 6, p: 4 }, "item-2": { na: "1" } },
      comment: "Slow.",
    });
  });
});
