import { describe, expect, it } from "vitest";
import { computeFiveGaps, type GroupMoments } from "./five-gaps";
import { gapsWithoutData, knownLevels, largestDrop, perspectiveResponses } from "./gap-chain";
import { momentsOf } from "./statistics";
import type { VersionDefinition } from "./types";

const EXACT = 1e-9;
const level = (mean: number | null) => ({ mean });

describe("largestDrop along E → M → S → D → P", () => {
  it("names the link where the level falls most", () => {
    const drop = largestDrop({ E: level(6.5), M: level(6.2), S: level(5.1), D: level(5.0), P: level(4.9), C: level(7) });
    expect(drop).toMatchObject({ from: "M", to: "S" });
    expect(Math.abs((drop?.drop ?? NaN) - 1.1)).toBeLessThan(EXACT);
  });
  it("ignores rises; a step without answers is skipped, the drop measured across it; C is not on the chain", () => {
    expect(largestDrop({ E: level(5), M: level(6), S: level(null), D: level(4), P: level(4.5), C: level(1) })).toEqual({
      from: "M",
      to: "D",
      drop: 2,
    });
    expect(largestDrop({ E: level(6), M: level(null), S: level(2), D: level(6), P: level(5.5) })).toEqual({ from: "E", to: "S", drop: 4 });
    expect(largestDrop({ E: level(5), M: level(6), S: level(null), D: level(7), P: level(7.5), C: level(1) })).toBeNull();
  });
  it("the issue's chain: only customers answered (E 7.00, P 5.00), the level falls 2.00 from E to P", () => {
    const chain = { E: level(7), M: level(null), S: level(null), D: level(null), P: level(5), C: level(null) };
    expect(largestDrop(chain)).toEqual({ from: "E", to: "P", drop: 2 });
    expect(knownLevels(chain)).toBe(2);
    expect(knownLevels({ E: level(7), M: level(null), S: level(null), D: level(null), P: level(null) })).toBe(1);
    expect(largestDrop({ E: level(7), M: level(null), S: level(null), D: level(null), P: level(null) })).toBeNull();
  });
  it("takes the earlier link on a tie, and none when nothing falls", () => {
    expect(largestDrop({ E: level(7), M: level(6), S: level(5), D: level(5), P: level(5) })).toMatchObject({ from: "E", to: "M", drop: 1 });
    expect(largestDrop({ E: level(5), M: level(5), S: level(5), D: level(5), P: level(5) })).toBeNull();
    expect(largestDrop(undefined)).toBeNull();
  });
});

describe("perspectiveResponses and gapsWithoutData", () => {
  const version: VersionDefinition = {
    scale: 7,
    criteria: [{ id: "c1", key: "k1", weight: 100, items: [{ id: "i1", key: "k1.1", reverse: false }] }],
  };
  const group = (responses: number, ratings: number[]): GroupMoments => ({
    responses,
    items: { i1: momentsOf(ratings) },
    criteria: { c1: momentsOf(ratings) },
  });
  const gaps = computeFiveGaps({
    version,
    groups: { E: group(3, [7, 6, 6]), P: group(3, [5, 5, 4]), M: group(2, [6, 5]), D: group(4, [5, 5, 4, 4]) },
    customerCriterionGaps: { c1: momentsOf([2, 1, 2]) },
  });
  it("count each perspective's responses, 0 for none", () => {
    expect(perspectiveResponses(gaps)).toEqual({ management: 2, standard: 0, delivery: 4, communication: 0 });
  });
  it("list the gaps a missing perspective blocks", () => {
    // S is missing: gaps 2 (M − S) and 3 (S − D); C is missing: gap 4 (C − D).
    expect(gapsWithoutData(gaps)).toEqual(["2", "3", "4"]);
  });
});
