import type { ResponseFilter } from "@/db/queries/responses";
import type { VersionRow } from "@/db/queries/studies";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { dayMs } from "@/lib/scoring/aggregate-entries";

/**
 * The URL filter as bounds on raw responses, matching the aggregate buckets:
 * `to` includes the whole UTC day, exactly like the day buckets of loadResults.
 */
export function responseFilter(studyId: string, filter: ResultsFilter, versions: VersionRow[]): ResponseFilter {
  const version = filter.version ? versions.find((v) => v.number === filter.version) : undefined;
  return {
    studyId,
    // An unknown version number matches nothing rather than everything.
    versionIds: filter.version ? [version?.id ?? "\u0000none"] : undefined,
    fromMs: filter.from ? Date.parse(`${filter.from}T00:00:00Z`) : undefined,
    toMs: filter.to ? Date.parse(`${filter.to}T00:00:00Z`) + dayMs : undefined,
    segment: filter.segment,
  };
}
