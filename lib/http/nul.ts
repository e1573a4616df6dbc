// PostgreSQL cannot store the NUL character in text (SQLite can), and no
// person types one: a request carrying it is refused as bad input at the
// door, the same on both engines, instead of failing deep in a query.

/** Whether any string in `value` (deeply, keys included) holds a NUL character. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v));
  return false;
}

/** Whether a parsed form's names or text values hold a NUL character (files are not text). */
export function formHoldsNul(entries: Iterable<[string, FormDataEntryValue]>): boolean {
  for (const [name, value] of entries) if (name.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) return true;
  return false;
}

export const nulRefusal = "Bad request: text may not contain the NUL character (\\u0000).";
