import { describe, expect, it } from "vitest";
import { causeFactorContribution, causeFactorScores } from "./cause-scores";

const statements = [
  { key: "teamwork.a", factor: "teamwork", reverse: false },
  { key: "teamwork.b", factor: "teamwork", reverse: true },
  { key: "role-conflict.a", factor: "role-conflict", reverse: true },
];

describe("cause factor scores", () => {
  it("reverses negatively worded statements before averaging per factor", () => {
    // 7-point: teamwork (6 + (8 − 3)) / 2 = 5.5; role conflict 8 − 2 = 6.
    expect(
      causeFactorScores(7, statements, [
        { statement: "teamwork.a", rating: 6 },
        { statement: "teamwork.b", rating: 3 },
        { statement: "role-conflict.a", rating: 2 },
      ]),
    ).toEqual({ teamwork: 5.5, "role-conflict": 6 });
  });

  it("skips N/A, out-of-range, unknown and repeated statements", () => {
    expect(
      causeFactorScores(5, statements, [
        { statement: "teamwork.a", rating: null },
        { statement: "teamwork.b", rating: 6 },
        { statement: "unknown", rating: 3 },
        { statement: "role-conflict.a", rating: 1 },
        { statement: "role-conflict.a", rating: 5 },
      ]),
    ).toEqual({ "role-conflict": 5 });
  });

  it("gives one observation per factor and respondent", () => {
    const c = causeFactorContribution(7, statements, [
      { statement: "teamwork.a", rating: 4 },
      { statement: "teamwork.b", rating: 4 },
    ]);
    expect(c).toEqual({ teamwork: { n: 1, sum: 4, sumSq: 16 } });
  });
});
