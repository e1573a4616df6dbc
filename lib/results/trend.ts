import type { Reader } from "@/db/client";
import { dailyCustomerEntries, type CustomerFilter } from "@/db/queries/aggregates";
import { meanOf } from "@/lib/scoring/statistics";
import { weightedQuality } from "@/lib/scoring/quality";
import type { Moments, VersionDefinition } from "@/lib/scoring/types";
import { dayMs } from "@/lib/scoring/aggregate-entries";

export type Granularity = "day" | "week" | "month";

export type TrendPoint = {
  /** First day of the period, YYYY-MM-DD (UTC). */
  period: string;
  responses: number;
  expectedQuality: number | null;
  perceivedQuality: number | null;
  serviceQualityGap: number | null;
};

export type Trend = { granularity: Granularity; points: TrendPoint[] };

const key = (...parts: string[]) => JSON.stringify(parts);
const responsesKey = key("responses");

/** Day buckets up to two months, weeks (from Monday) up to two years, months beyond. */
export function granularityFor(firstDay: number, lastDay: number): Granularity {
  const span = lastDay - firstDay + 1;
  if (span <= 62) return "day";
  if (span <= 731) return "week";
  return "month";
}

/** The first day (days since the epoch) of the period holding `day`. */
export function periodStart(day: number, granularity: Granularity): number {
  if (granularity === "day") return day;
  if (granularity === "week") {
    // 1970-01-01 was a Thursday: shift so weeks start on Monday.
    const weekday = (day + 3) % 7;
    return day - weekday;
  }
  const date = new Date(day * dayMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / dayMs;
}

function nextPeriod(start: number, granularity: Granularity): number {
  if (granularity === "day") return start + 1;
  if (granularity === "week") return start + 7;
  const date = new Date(start * dayMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / dayMs;
}

export const isoDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/**
 * Responses and EQ/PQ/SQ per period from the day buckets (never the raw
 * answers), with the weights of `version` (METHOD.md §3.5). Periods without
 * responses between the first and the last are kept, empty, so the time
 * axis is true; a period where a weighted criterion has no data has no SQ.
 */
export async function loadTrend(db: Reader, filter: CustomerFilter, version: VersionDefinition): Promise<Trend> {
  const keys = [responsesKey];
  for (const c of version.criteria) keys.push(key("criterion", c.id, "expected"), key("criterion", c.id, "perceived"));
  const rows = await dailyCustomerEntries(db, filter, keys);
  if (rows.length === 0) return { granularity: "day", points: [] };
  const firstDay = rows[0].day;
  const lastDay = rows[rows.length - 1].day;
  const granularity = granularityFor(firstDay, lastDay);

  const periods = new Map<number, Map<string, Moments>>();
  for (const row of rows) {
    const start = periodStart(row.day, granularity);
    let sums = periods.get(start);
    if (!sums) periods.set(start, (sums = new Map()));
    const m = sums.get(row.key) ?? { n: 0, sum: 0, sumSq: 0 };
    sums.set(row.key, { n: m.n + row.n, sum: m.sum + row.sum, sumSq: m.sumSq + row.sumSq });
  }

  const points: TrendPoint[] = [];
  const last = periodStart(lastDay, granularity);
  for (let start = periodStart(firstDay, granularity); start <= last; start = nextPeriod(start, granularity)) {
    const sums = periods.get(start);
    const responses = sums?.get(responsesKey)?.n ?? 0;
    const mean = (k: string) => {
      const m = sums?.get(k);
      return m ? meanOf(m) : null;
    };
    const quality =
      responses > 0
        ? weightedQuality(
            version.criteria.map((c) => ({
              key: c.key,
              weight: c.weight,
              expectedMean: mean(key("criterion", c.id, "expected")),
              perceivedMean: mean(key("criterion", c.id, "perceived")),
            })),
          )
        : null;
    points.push({
      period: isoDay(start),
      responses,
      expectedQuality: quality?.expectedQuality ?? null,
      perceivedQuality: quality?.perceivedQuality ?? null,
      serviceQualityGap: quality?.serviceQualityGap ?? null,
    });
  }
  return { granularity, points };
}
