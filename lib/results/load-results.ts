import type { Reader } from "@/db/client";
import { sumCustomerEntries, sumPerspectiveEntries, type CustomerFilter } from "@/db/queries/aggregates";
import { listVersions, type StudyRow, type VersionRow } from "@/db/queries/studies";
import { customerAggregateFromEntries, perspectiveAggregateFromEntries } from "@/lib/scoring/aggregate-entries";
import type { PerspectiveAggregate } from "@/lib/scoring/aggregates";
import { computeResults, type Results } from "@/lib/scoring/results";
import { perspectives, type Perspective } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { dayOf } from "@/lib/scoring/aggregate-entries";
import { causeFactorDefinitions } from "@/lib/responses/causes";

export type LoadedResults =
  | { status: "unpublished" }
  | { status: "unknownVersion" }
  | { status: "ok"; results: Results; weightsVersion: VersionRow; versions: VersionRow[]; filterVersions: VersionRow[] };

/** Builds the bucket filter of METHOD.md §3.5 from the URL filter. */
export function customerFilter(studyId: string, filter: ResultsFilter, filterVersions: VersionRow[]): CustomerFilter {
  return {
    studyId,
    versionIds: filter.version ? filterVersions.map((v) => v.id) : undefined,
    fromDay: filter.from ? dayOf(Date.parse(`${filter.from}T00:00:00Z`)) : undefined,
    toDay: filter.to ? dayOf(Date.parse(`${filter.to}T00:00:00Z`)) : undefined,
    segment: filter.segment,
  };
}

/**
 * The results document of API.md for a study and a filter. Reads summed
 * buckets only (never the raw answers). Without a version filter every
 * version is pooled and the newest one's weights apply (METHOD.md §3.5).
 */
export async function loadResults(db: Reader, study: StudyRow, filter: ResultsFilter): Promise<LoadedResults> {
  const versions = await listVersions(db, study.id);
  if (versions.length === 0) return { status: "unpublished" };
  const filterVersions = filter.version ? versions.filter((v) => v.number === filter.version) : versions;
  if (filterVersions.length === 0) return { status: "unknownVersion" };
  const weightsVersion = filterVersions[filterVersions.length - 1];
  const [customerEntries, perspectiveEntries] = await Promise.all([
    sumCustomerEntries(db, customerFilter(study.id, filter, filterVersions)),
    sumPerspectiveEntries(
      db,
      study.id,
      filterVersions.map((v) => v.id),
    ),
  ]);
  const customer = customerAggregateFromEntries(customerEntries);

  const byPerspective = new Map<string, typeof perspectiveEntries>();
  for (const row of perspectiveEntries) {
    const list = byPerspective.get(row.perspective) ?? [];
    list.push(row);
    byPerspective.set(row.perspective, list);
  }
  const perspectiveAggregates: Partial<Record<Perspective, PerspectiveAggregate>> = {};
  for (const p of perspectives) {
    const rows = byPerspective.get(p);
    if (rows) perspectiveAggregates[p] = perspectiveAggregateFromEntries(rows);
  }

  // Items that older versions in the filter had and the newest dropped.
  const newestItemIds = new Set(weightsVersion.snapshot.criteria.flatMap((c) => c.items.map((i) => i.id)));
  const otherItems = new Map<string, { id: string; key: string; criterionKey: string }>();
  for (const v of filterVersions) {
    for (const c of v.snapshot.criteria) {
      for (const i of c.items) {
        if (!newestItemIds.has(i.id)) otherItems.set(i.id, { id: i.id, key: i.key, criterionKey: c.key });
      }
    }
  }

  const results = computeResults({
    version: versionDefinition(weightsVersion.snapshot),
    customer,
    perspectives: perspectiveAggregates,
    otherItems: [...otherItems.values()],
    causeFactors: causeFactorDefinitions,
  });
  return { status: "ok", results, weightsVersion, versions, filterVersions };
}
