import { z } from "zod";
import { calendarDaySchema } from "./dates";

/** The dashboard's and the API's filter: kept in the URL as ?version=&from=&to=&segment=. */
export const resultsFilterSchema = z
  .strictObject({
    version: z.coerce.number("invalidVersion").int("invalidVersion").min(1, "invalidVersion").optional(),
    from: calendarDaySchema.optional(),
    to: calendarDaySchema.optional(),
    segment: z.string().max(100, "tooLong").optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "fromAfterTo", path: ["to"] });

export type ResultsFilter = z.output<typeof resultsFilterSchema>;

/** Reads the filter from search params; empty values mean "no filter". */
export function filterFromSearchParams(params: Record<string, string | string[] | undefined> | URLSearchParams) {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one === undefined || one === null || one === "" ? undefined : one;
  };
  return resultsFilterSchema.safeParse({ version: get("version"), from: get("from"), to: get("to"), segment: get("segment") });
}
