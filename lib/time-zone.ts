import { z } from "zod";

// A workspace's time zone (an IANA name such as "Asia/Taipei"): dates are
// entered in it (datetime-local inputs carry no zone) and shown in it, to
// managers and customers alike. The server converts with Intl only: an
// instant's offset in the zone comes from formatToParts, and a wall-clock
// time becomes an instant by trying the offsets around it.

export const defaultTimeZone = "UTC";

/** The longest zone name accepted (the longest IANA names are about 30 characters). */
const maxZoneLength = 64;

/** True for a time zone the runtime knows (an IANA name, "UTC" included). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name === "" || name.length > maxZoneLength || !/^[A-Za-z0-9_+\-/]+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone as the runtime spells it ("asia/taipei" → "Asia/Taipei"), or null when unknown. */
export function canonicalTimeZone(name: unknown): string | null {
  if (!isTimeZone(name)) return null;
  const resolved = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  // Etc/UTC, Etc/GMT and friends read best as plain "UTC".
  return /^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(resolved) ? "UTC" : resolved;
}

/** The zones offered in a list: the runtime's own, UTC first. */
export function timeZoneChoices(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

/** A zone name from a form or a request: a known IANA name, stored as the runtime spells it. */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(maxZoneLength, "invalidTimeZone")
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (!zone) {
      ctx.addIssue({ code: "custom", message: "invalidTimeZone" });
      return z.NEVER;
    }
    return zone;
  });

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock time in `zone` at the instant `ms`. */
export function wallClockAt(ms: number, zone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour % 24, minute: out.minute, second: out.second };
}

/** How far `zone` is ahead of UTC at the instant `ms`, in milliseconds (Taipei: +8 h). */
export function offsetAt(ms: number, zone: string): number {
  const w = wallClockAt(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the clocks of `zone` show this wall-clock time. A time
 * that happens twice (clocks put back) is its first occurrence; a time that
 * never happens (clocks put forward) is read with the offset before the change,
 * so 02:30 on a New York spring-forward night is 03:30 daylight time.
 */
export function zonedToUtc(wall: Omit<WallClock, "second"> & { second?: number }, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // The offsets a few hours either side cover any transition near this time.
  const candidates = [...new Set([offsetAt(asUtc - 86_400_000, zone), offsetAt(asUtc, zone), offsetAt(asUtc + 86_400_000, zone)])];
  const exact = candidates
    .map((offset) => asUtc - offset)
    .filter((ms) => offsetAt(ms, zone) === asUtc - ms)
    .sort((a, b) => a - b);
  if (exact.length > 0) return exact[0];
  // A skipped time: the offset in force before the change.
  return asUtc - offsetAt(asUtc - 86_400_000, zone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as a datetime-local value (`2026-11-30T09:00`) in `zone`; null → "". */
export function toZonedInput(ms: number | null, zone: string): string {
  if (ms === null) return "";
  const w = wallClockAt(ms, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A datetime-local value (`2026-11-30T09:00`, or a bare date meaning its
 * midnight) read as a time in `zone` → epoch ms; "" → null. A date that does
 * not exist (2026-02-31) is refused with "invalidDateTime".
 */
export function dateTimeIn(zone: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === "") return null;
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
      const [year, month, day, hour, minute] = match ? [+match[1], +match[2], +match[3], +(match[4] ?? 0), +(match[5] ?? 0)] : [0, 0, 0, 0, 0];
      const probe = new Date(Date.UTC(year, month - 1, day));
      const exists = probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day && hour < 24 && minute < 60;
      if (!match || !exists) {
        ctx.addIssue({ code: "custom", message: "invalidDateTime" });
        return z.NEVER;
      }
      return zonedToUtc({ year, month, day, hour, minute }, zone);
    });
}

/**
 * The zone's name as a reader of `locale` knows it at that instant: "UTC",
 * "EDT" or "台灣時間" (a generic name where the short one is a bare GMT offset).
 */
export function zoneLabel(ms: number, zone: string, locale: string): string {
  if (zone === "UTC") return "UTC";
  const name = (style: "short" | "shortGeneric") =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")
      ?.value ?? zone;
  const short = name("short");
  if (!/^(GMT|UTC)/.test(short)) return short;
  const generic = name("shortGeneric");
  return /^(GMT|UTC)/.test(generic) ? short : generic;
}
