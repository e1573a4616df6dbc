import type { ResultsFilter } from "@/lib/validation/results-filter";

/** The filter (and any extra parameters) as a query string, "" when empty. */
export function queryOf(filter: ResultsFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filter.version) params.set("version", String(filter.version));
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.segment !== undefined) params.set("segment", filter.segment);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const isFiltered = (filter: ResultsFilter) =>
  filter.version !== undefined || filter.from !== undefined || filter.to !== undefined || filter.segment !== undefined;

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
