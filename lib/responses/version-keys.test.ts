import { describe, expect, it } from "vitest";
import type { VersionSnapshot } from "@/db/schema";
import { customerAggregateEntries, perspectiveAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { contributionOf, perspectiveContributionOf } from "@/lib/scoring/aggregates";
import { causeFactorContribution } from "@/lib/scoring/cause-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import { causeStatementsFor } from "./causes";
import { aggregateKeysOfVersion } from "./version-keys";

const snapshot: VersionSnapshot = {
  scale: 7,
  languages: ["en"],
  provider: "Harbour Hotel",
  askImportance: true,
  criteria: ["a", "b"].map((c, ci) => ({
    id: `c-${c}`,
    key: c,
    name: { en: c },
    description: {},
    weight: ci === 0 ? 60 : 40,
    items: [0, 1, 2, 3].map((i) => ({ id: `${c}-${i}`, key: `${c}${i}`, text: { en: `${c}${i}` }, reverse: i === 2 })),
  })),
};

describe("the aggregate keys a version registers at publish", () => {
  const registered = new Set(aggregateKeysOfVersion(snapshot));
  const version = versionDefinition(snapshot);
  const items = snapshot.criteria.flatMap((c) => c.items);

  it("cover any customer response: partial, with N/A pairs, with customer weights", () => {
    const partial = items.map((item, i) =>
      i % 3 === 0 ? { itemId: item.id, expected: null, perceived: null } : { itemId: item.id, expected: 1 + (i % 7), perceived: 7 - (i % 7) },
    );
    for (const answers of [partial, partial.slice(0, 3), []]) {
      for (const e of customerAggregateEntries(contributionOf(version, answers, { a: 70, b: 30 }))) expect(registered, e.key).toContain(e.key);
    }
  });

  it("cover any internal response with any of its cause statements", () => {
    for (const perspective of ["management", "standard", "delivery", "communication"] as const) {
      const contribution = perspectiveContributionOf(
        version,
        items.slice(1).map((i) => ({ itemId: i.id, rating: 3 })),
      );
      const statements = causeStatementsFor(perspective);
      contribution.causes = causeFactorContribution(
        7,
        statements,
        statements.slice(0, 2).map((s) => ({ statement: s.key, rating: 5 })),
      );
      for (const e of perspectiveAggregateEntries(contribution)) expect(registered, e.key).toContain(e.key);
    }
  });

  it("include every key of a full questionnaire", () => {
    // 1 responses key; per item E, P, gap; per criterion E, P, gap, weight, and α totals and items for E and P.
    expect(registered.size).toBeGreaterThanOrEqual(1 + 8 * 3 + 2 * (4 + 2 * 5));
  });
});
