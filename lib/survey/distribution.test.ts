import { describe, expect, it } from "vitest";
import { inviteFormSchema, scheduleFormSchema, toUtcInput } from "./distribution";

describe("the distribution forms", () => {
  it("read dates as UTC and refuse a close before the opening", () => {
    const ok = scheduleFormSchema.parse({ studyId: "s", opensAt: "2026-11-30T09:00", closesAt: "2026-12-31", responseLimit: "250" });
    expect(ok).toEqual({ studyId: "s", opensAt: Date.UTC(2026, 10, 30, 9), closesAt: Date.UTC(2026, 11, 31), responseLimit: 250 });
    expect(toUtcInput(ok.opensAt)).toBe("2026-11-30T09:00");
    expect(scheduleFormSchema.parse({ studyId: "s", opensAt: "", closesAt: "", responseLimit: "" })).toMatchObject({
      opensAt: null,
      closesAt: null,
      responseLimit: null,
    });
    const codes = (input: Record<string, string>) => {
      const r = scheduleFormSchema.safeParse({ studyId: "s", opensAt: "", closesAt: "", responseLimit: "", ...input });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(codes({ opensAt: "2026-12-02", closesAt: "2026-12-01" })).toEqual(["closesBeforeOpens"]);
    expect(codes({ opensAt: "2026-02-30" })).toEqual(["invalidDateTime"]);
    expect(codes({ responseLimit: "0" })).toEqual(["invalidLimit"]);
    expect(codes({ responseLimit: "2.5" })).toEqual(["invalidLimit"]);
  });
  it("take 1 to 5,000 invites per batch", () => {
    expect(inviteFormSchema.parse({ studyId: "s", count: "5000" }).count).toBe(5000);
    expect(inviteFormSchema.safeParse({ studyId: "s", count: "5001" }).success).toBe(false);
    expect(inviteFormSchema.safeParse({ studyId: "s", count: "0" }).success).toBe(false);
    expect(inviteFormSchema.safeParse({ studyId: "s", count: "1e3" }).success).toBe(false);
  });
});
