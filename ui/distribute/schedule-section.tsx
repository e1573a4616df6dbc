import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { StudyRow } from "@/db/queries/studies";
import { toUtcInput } from "@/lib/survey/distribution";
import { ScheduleForm } from "./schedule-form";

/** When the survey takes answers and how many, beside the segments a respondent may pick. */
export async function ScheduleSection({ study }: { study: Pick<StudyRow, "id" | "opensAt" | "closesAt" | "responseLimit" | "segments"> }) {
  const t = await getTranslations("distribute");
  return (
    <div>
      <section className="card" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t("schedule.heading")}</h2>
        <p className="muted small">{t("schedule.intro")}</p>
        <ScheduleForm
          studyId={study.id}
          opensAt={toUtcInput(study.opensAt)}
          closesAt={toUtcInput(study.closesAt)}
          responseLimit={study.responseLimit === null ? "" : String(study.responseLimit)}
        />
      </section>
      <section className="card" aria-labelledby="segments-heading">
        <h2 id="segments-heading">{t("segments.heading")}</h2>
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
      </section>
    </div>
  );
}
