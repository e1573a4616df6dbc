import { describe, expect, it } from "vitest";
import { alertHits, alertRuleFormSchema, alertRuleInputSchema } from "./alert-rule";

// The alert rule as the API and the form give it, and when it fires.

describe("alert rule input", () => {
  it("takes the API's body: a threshold and member emails (lower-cased, once each)", () => {
    expect(alertRuleInputSchema.parse({ threshold: 1.5, notify: ["Manager@Example.com", "manager@example.com"] })).toEqual({
      threshold: 1.5,
      notify: ["manager@example.com"],
      criterion: null,
      criterionThreshold: null,
    });
  });

  it("refuses thresholds out of range, a criterion without its threshold, bad emails and unknown fields", () => {
    const codes = (body: unknown) => {
      const parsed = alertRuleInputSchema.safeParse(body);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(codes({ threshold: 0 })).toEqual(["threshold:thresholdTooSmall"]);
    expect(codes({ threshold: 7 })).toEqual(["threshold:thresholdTooLarge"]);
    expect(codes({ threshold: "1.5" })).toEqual(["threshold:invalidNumber"]);
    expect(codes({ threshold: 1, criterion: "recovery" })).toEqual(["criterionThreshold:required"]);
    expect(codes({ threshold: 1, criterionThreshold: 2 })).toEqual(["criterion:required"]);
    expect(codes({ threshold: 1, notify: ["not-an-email"] })).toEqual(["notify.0:invalidEmail"]);
    expect(codes({ threshold: 1, extra: true })).toHaveLength(1);
  });

  it("reads the form: empty is off, a decimal comma is a point, ticked members are a list", () => {
    expect(
      alertRuleFormSchema.parse({
        studyId: "s",
        threshold: " 1,5 ",
        criterion: "",
        criterionThreshold: "",
        notify: ["a@example.com"],
        consentStep: "on",
      }),
    ).toEqual({ studyId: "s", consentStep: true, rule: { threshold: 1.5, criterion: null, criterionThreshold: null, notify: ["a@example.com"] } });
    expect(alertRuleFormSchema.safeParse({ studyId: "s", threshold: "abc" }).success).toBe(false);
  });
});

describe("alertHits", () => {
  const gaps: Record<string, number | null> = { recovery: 2.5, reliability: 0.5 };
  const gapOf = (key: string) => gaps[key] ?? null;

  it("fires on a weighted gap at least the threshold, the unrounded gap compared", () => {
    expect(alertHits({ threshold: 1.5, criterionKey: null, criterionThreshold: null }, 1.4999999999999998, gapOf)).toHaveLength(1);
    expect(alertHits({ threshold: 1.5, criterionKey: null, criterionThreshold: null }, 1.49, gapOf)).toEqual([]);
    expect(alertHits({ threshold: 1.5, criterionKey: null, criterionThreshold: null }, null, gapOf)).toEqual([]);
  });

  it("fires on the named criterion's gap alone", () => {
    expect(alertHits({ threshold: null, criterionKey: "recovery", criterionThreshold: 2 }, 0.1, gapOf)).toEqual([
      { kind: "criterion", key: "recovery", gap: 2.5, threshold: 2 },
    ]);
    expect(alertHits({ threshold: null, criterionKey: "reliability", criterionThreshold: 2 }, 5, gapOf)).toEqual([]);
    expect(alertHits({ threshold: null, criterionKey: "unknown", criterionThreshold: 2 }, 5, gapOf)).toEqual([]);
  });
});
