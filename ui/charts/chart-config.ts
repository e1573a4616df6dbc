import { fmt } from "@/lib/format";

// What every chart shares: how a value reads in a tooltip and on an axis,
// and the label sizes. Rounding is display only (lib/format.ts).

export const chartFontSize = 12;
export const chartSmallFontSize = 11;

/** A tooltip value: counts as whole numbers, means and gaps to two decimals, a missing value as "—". */
export function chartValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : fmt(value);
  return value === null || value === undefined ? fmt(null) : String(value);
}

/** An axis tick: at most two decimals, no trailing zeros. */
export function axisTick(value: number): string {
  return String(Number(value.toFixed(2)));
}
