import type { VersionSnapshot } from "@/db/schema";
import { customerAggregateEntries, perspectiveAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { contributionOf, perspectiveContributionOf } from "@/lib/scoring/aggregates";
import { causeFactorContribution } from "@/lib/scoring/cause-scores";
import { perspectives } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import { causeStatementsFor } from "./causes";

/**
 * Every aggregate key a response to this version can add to: those of a
 * response that answers every item (and, for the internal perspectives,
 * every cause statement). Publishing registers them, so submits find their
 * keys numbered and never have to number new ones under a lock.
 */
export function aggregateKeysOfVersion(snapshot: VersionSnapshot): string[] {
  const version = versionDefinition(snapshot);
  const items = snapshot.criteria.flatMap((c) => c.items);
  const keys = new Set<string>();
  const customer = contributionOf(
    version,
    items.map((i) => ({ itemId: i.id, expected: 1, perceived: 1 })),
  );
  for (const e of customerAggregateEntries(customer)) keys.add(e.key);
  for (const perspective of perspectives) {
    const contribution = perspectiveContributionOf(
      version,
      items.map((i) => ({ itemId: i.id, rating: 1 })),
    );
    const statements = causeStatementsFor(perspective);
    contribution.causes = causeFactorContribution(
      version.scale,
      statements,
      statements.map((s) => ({ statement: s.key, rating: 1 })),
    );
    for (const e of perspectiveAggregateEntries(contribution)) keys.add(e.key);
  }
  return [...keys];
}
