import "server-only";
import { getFormatter, getLocale, getTimeZone } from "next-intl/server";
import { fmtMinute } from "@/lib/format";

/**
 * For server components: a moment to the minute in this request's time zone
 * (the signed-in workspace's, see i18n/request.ts), naming the zone.
 */
export async function getMinuteFormatter(): Promise<(ms: number) => string> {
  const [format, locale, zone] = await Promise.all([getFormatter(), getLocale(), getTimeZone()]);
  return (ms) => fmtMinute(format, ms, zone, locale);
}
