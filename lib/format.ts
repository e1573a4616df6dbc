// Rounding happens here, in the UI only: the API and the exports keep full precision.

const dash = "—";

/** Two decimals; "—" when the value cannot be computed. Never "-0.00". */
export function fmt(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A gap with its sign: "+0.71" is a shortfall, "-0.20" exceeded (E − P). */
export function fmtGap(value: number | null | undefined): string {
  const text = fmt(value);
  return text !== dash && value !== null && value !== undefined && Number(text) > 0 ? `+${text}` : text;
}

/** p to 3 decimals, "< 0.001" below that. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return dash;
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function fmtCi(ci: [number, number] | null | undefined): string {
  return ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : dash;
}

/** Weight points: whole numbers without decimals, otherwise up to two. */
export function fmtPoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  return String(Math.round(value * 100) / 100);
}

type DateTimeFormatter = { dateTime(date: Date, options: { dateStyle: "medium"; timeStyle: "short"; timeZone: "UTC" }): string };

/** A moment to the minute, in UTC and saying so: the app shows every time in UTC (schedules are entered in it too). */
export function fmtUtcMinute(format: DateTimeFormatter, ms: number): string {
  return `${format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}
