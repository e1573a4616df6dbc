import { describe, expect, it } from "vitest";
import { canonicalTimeZone, dateTimeIn, isTimeZone, offsetAt, timeZoneSchema, toZonedInput, zonedToUtc } from "./time-zone";

const utc = (text: string) => Date.parse(`${text}Z`);

describe("time zones", () => {
  it("knows IANA names and refuses others", () => {
    expect(isTimeZone("Asia/Taipei")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("Asia/Taipei; drop table")).toBe(false);
    expect(canonicalTimeZone("asia/taipei")).toBe("Asia/Taipei");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(timeZoneSchema.safeParse("Europe/Berlin").data).toBe("Europe/Berlin");
    expect(timeZoneSchema.safeParse("Nowhere/Else").error?.issues[0].message).toBe("invalidTimeZone");
  });

  it("reads a wall-clock time in Taipei (+8, no daylight saving)", () => {
    expect(zonedToUtc({ year: 2026, month: 12, day: 5, hour: 9, minute: 0 }, "Asia/Taipei")).toBe(utc("2026-12-05T01:00:00"));
    expect(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 0, minute: 30 }, "Asia/Taipei")).toBe(utc("2026-06-30T16:30:00"));
    expect(toZonedInput(utc("2026-12-05T01:00:00"), "Asia/Taipei")).toBe("2026-12-05T09:00");
    expect(offsetAt(utc("2026-01-01T00:00:00"), "Asia/Taipei")).toBe(8 * 3600_000);
  });

  it("follows New York's daylight saving time both ways", () => {
    // Winter: EST, −5 h; summer: EDT, −4 h.
    expect(zonedToUtc({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, "America/New_York")).toBe(utc("2026-01-15T14:00:00"));
    expect(zonedToUtc({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, "America/New_York")).toBe(utc("2026-07-15T13:00:00"));
    // 2026-03-08 02:00 the clocks jump to 03:00: 02:30 never happens and is read as 03:30 EDT.
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York")).toBe(utc("2026-03-08T07:30:00"));
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, "America/New_York")).toBe(utc("2026-03-08T07:00:00"));
    // 2026-11-01 02:00 the clocks go back to 01:00: 01:30 happens twice, the first (EDT) is taken.
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York")).toBe(utc("2026-11-01T05:30:00"));
    expect(toZonedInput(utc("2026-11-01T06:30:00"), "America/New_York")).toBe("2026-11-01T01:30");
    expect(toZonedInput(utc("2026-03-08T07:30:00"), "America/New_York")).toBe("2026-03-08T03:30");
  });

  it(
    "round-trips a year of times (every 5 hours: each hour of the day comes round) in zones with and without daylight saving",
    { timeout: 30_000 },
    () => {
      for (const zone of ["Asia/Taipei", "America/New_York", "Europe/London", "Australia/Adelaide", "UTC"]) {
        for (let ms = utc("2026-01-01T00:00:00"); ms < utc("2027-01-01T00:00:00"); ms += 5 * 3600_000) {
          const input = toZonedInput(ms, zone);
          const back = dateTimeIn(zone).parse(input);
          // A time shown twice (clocks put back) comes back as its first occurrence.
          expect(back === ms || toZonedInput(back!, zone) === input).toBe(true);
        }
      }
    },
  );

  it("parses form values in the zone and refuses impossible dates", () => {
    expect(dateTimeIn("Asia/Taipei").parse("2026-12-05T09:00")).toBe(utc("2026-12-05T01:00:00"));
    expect(dateTimeIn("Asia/Taipei").parse("2026-12-05")).toBe(utc("2026-12-04T16:00:00"));
    expect(dateTimeIn("UTC").parse("2026-12-05T09:00")).toBe(utc("2026-12-05T09:00:00"));
    expect(dateTimeIn("UTC").parse("")).toBeNull();
    for (const bad of ["2026-02-31T10:00", "2026-13-01", "tomorrow", "2026-12-05T25:00", "2026-12-05T09:60"]) {
      expect(dateTimeIn("Asia/Taipei").safeParse(bad).error?.issues[0].message).toBe("invalidDateTime");
    }
  });
});
