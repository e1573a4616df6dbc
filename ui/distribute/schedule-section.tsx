import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import type { StudyRow } from "@/db/queries/studies";
import { toZonedInput } from "@/lib/time-zone";
import { ScheduleForm } from "./schedule-form";
import { CardSection } from "@/ui/layout/card-section";

/** When the survey takes answers and how many, beside the segments a respondent may pick. */
export async function ScheduleSection({ study }: { study: Pick<StudyRow, "id" | "opensAt" | "closesAt" | "responseLimit" | "segments"> }) {
  const t = await getTranslations("distribute");
  // The workspace's zone (i18n/request.ts): times are entered and shown in it.
  const zone = await getTimeZone();
  return (
    <div>
      <CardSection headingId="schedule-heading" title={t("schedule.heading")} intro={t("schedule.intro", { zone })}>
        <ScheduleForm
          studyId={study.id}
          zone={zone}
          opensAt={toZonedInput(study.opensAt, zone)}
          closesAt={toZonedInput(study.closesAt, zone)}
          responseLimit={study.responseLimit === null ? "" : String(study.responseLimit)}
        />
      </CardSection>
      <CardSection headingId="segments-heading" title={t("segments.heading")}>
        {study.segments.length > 0 ? (
          <>
            <p className="muted small">{t("segments.list")}</p>
            <ul className="distribute-segments">
              {study.segments.map((s) => (
                <li key={s} className="badge">
                  {s}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted small">{t("segments.none")}</p>
        )}
        <Link href={`/studies/${study.id}/edit`}>{t("segments.edit")}</Link>
      </CardSection>
    </div>
  );
}
