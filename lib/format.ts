import { zoneLabel } from "./time-zone";

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

type DateTimeFormatter = { dateTime(date: Date, options: { dateStyle: "medium"; timeStyle: "short"; timeZone: string }): string };

/**
 * A moment to the minute in the workspace's time zone, naming the zone
 * ("5 Dec 2026, 09:00 Taiwan Time", "2026年12月5日 上午9:00（台灣時間）"):
 * every time the app shows is in that zone, and schedules are entered in it.
 */
export function fmtMinute(format: DateTimeFormatter, ms: number, zone: string, locale: string): string {
  const when = format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const label = zoneLabel(ms, zone, locale);
  return locale.startsWith("zh") ? `${when}（${label}）` : `${when} ${label}`;
}
