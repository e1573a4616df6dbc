import { describe, expect, it } from "vitest";
import { idSchema } from "./ids";

describe("idSchema", () => {
  it("takes UUIDs and keys", () => {
    expect(idSchema.safeParse("f502af26-a925-4c3c-bb6f-e579a84b94c8").success).toBe(true);
    expect(idSchema.safeParse("speed").success).toBe(true);
  });
  it("refuses empty, overlong and control characters (a NUL is an error on PostgreSQL)", () => {
    for (const bad of ["", "x".repeat(101), "\u0000", "a\u0000b", "a\nb", "a\u007fb"]) expect(idSchema.safeParse(bad).success).toBe(false);
  });
});
