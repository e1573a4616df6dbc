import { describe, expect, it } from "vitest";
import { customerResponseSchema, perspectiveResponseSchema } from "./response";
import { clockSkewMs, isCalendarDay, submittedAtProblem } from "./dates";
import { filterFromSearchParams } from "./results-filter";

// Issue 12 item 7: a response dated in year 0000 was stored (a results page
// of ~24,000 monthly points), and the filter rolled 2026-02-31 into March.

describe("dates from outside", () => {
  it("takes only days that exist, from 1970 on", () => {
    for (const day of ["2026-02-28", "2024-02-29", "1970-01-01", "9999-12-31"]) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ["2026-02-31", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "1969-12-31", "26-01-01"]) {
      expect(isCalendarDay(day), day).toBe(false);
    }
  });

  it("answers 400 for an impossible filter date instead of moving it into the next month", () => {
    for (const from of ["2026-02-31", "0000-01-01", "2026-11-31"]) {
      const parsed = filterFromSearchParams(new URLSearchParams({ from }));
      expect(parsed.success, from).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["from"]);
    }
    expect(filterFromSearchParams(new URLSearchParams({ from: "2026-02-28", to: "2026-03-01" })).success).toBe(true);
  });

  it("refuses an API submission time on a day that does not exist", () => {
    const answers = [{ item: "a1", expected: 4, perceived: 3 }];
    for (const submittedAt of ["0000-01-01T00:00:00Z", "0000-06-01T12:00:00+01:00", "2026-02-31T10:00:00Z"]) {
      expect(customerResponseSchema.safeParse({ submittedAt, answers }).success, submittedAt).toBe(false);
      expect(perspectiveResponseSchema.safeParse({ submittedAt, answers: [{ item: "a1", rating: 4 }] }).success, submittedAt).toBe(false);
    }
    expect(customerResponseSchema.safeParse({ submittedAt: "2026-11-30T10:00:00+08:00", answers }).success).toBe(true);
  });

  it("refuses a submission time before the version was published or beyond the clock skew ahead", () => {
    const publishedAt = Date.UTC(2026, 10, 1);
    const now = Date.UTC(2026, 11, 1);
    expect(submittedAtProblem(publishedAt - 1, { publishedAt, now })).toBe("beforePublished");
    expect(submittedAtProblem(Date.UTC(0, 0, 1), { publishedAt, now })).toBe("beforePublished");
    expect(submittedAtProblem(publishedAt, { publishedAt, now })).toBeNull();
    expect(submittedAtProblem(now + clockSkewMs, { publishedAt, now })).toBeNull();
    expect(submittedAtProblem(now + clockSkewMs + 1, { publishedAt, now })).toBe("future");
  });
});
