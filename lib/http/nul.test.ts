import { describe, expect, it } from "vitest";
import { formHoldsNul, holdsNul } from "./nul";

describe("NUL in request text", () => {
  it("is found in strings, arrays, values and keys at any depth", () => {
    expect(holdsNul("a\u0000b")).toBe(true);
    expect(holdsNul({ responses: [{ comments: { q: "fine" } }, { id: "x\u0000" }] })).toBe(true);
    expect(holdsNul({ ["k\u0000"]: 1 })).toBe(true);
    expect(holdsNul({ name: "Harbour Hotel 港灣", n: 3, ok: true, none: null, list: ["\t", "\n"] })).toBe(false);
  });

  it("is found in a form's names and text values, not in files", () => {
    const form = new FormData();
    form.append("email", "a@b.test");
    expect(formHoldsNul(form.entries())).toBe(false);
    form.append("file", new Blob(["x\u0000y"]), "data.csv");
    expect(formHoldsNul(form.entries())).toBe(false);
    form.append("name", "x\u0000");
    expect(formHoldsNul(form.entries())).toBe(true);
  });
});
