import { describe, expect, it } from "vitest";
import type { VersionSnapshot } from "@/db/schema";
import { causeStatementsFor } from "./causes";
import { checkCustomerResponse } from "./check";
import { checkPerspectiveResponse } from "./store-perspective";

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
const answers = [
  { item: "a1", expected: 4, perceived: 3 },
  { item: "b1", expected: 5, perceived: 5 },
];

// Issue 12 item 3: these reached the database as two rows for one primary key (a 500).
describe("a response naming one thing twice", () => {
  it("refuses a criterion's comment named by both its key and its id, with the path of the second", () => {
    const checked = checkCustomerResponse(snapshot, { answers, comments: { a: "slow", c1: "very slow" } }, "responses.0.");
    expect(checked).toEqual({ ok: false, problems: [expect.objectContaining({ path: "responses.0.comments.c1", code: "duplicateComment" })] });
    expect(checkCustomerResponse(snapshot, { answers, comments: { a: "slow", c2: "fine" } }).ok).toBe(true);
  });

  it("refuses a cause statement rated twice in one perspective response", () => {
    const [first, second] = causeStatementsFor("management");
    const checked = checkPerspectiveResponse(
      snapshot,
      "management",
      {
        answers: [{ item: "a1", rating: 4 }],
        causes: [
          { statement: first.key, rating: 4 },
          { statement: second.key, rating: 2 },
          { statement: first.key, rating: 5 },
        ],
      },
      "responses.0.",
    );
    expect(checked).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: "responses.0.causes.2.statement", code: "duplicateStatement" })],
    });
  });
});
