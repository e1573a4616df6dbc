import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "invalidDate");

/** The dashboard's and the API's filter: kept in the URL as ?version=&from=&to=&segment=. */
export const resultsFilterSchema = z
  .strictObject({
    version: z.coerce.number("invalidVersion").int("invalidVersion").min(1, "invalidVersion").optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
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
