import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "@/db/client";
import { countSubmittedResponses } from "@/db/queries/studies";
import { segmentsWithResponses } from "@/db/queries/aggregates";
import { can } from "@/lib/auth/roles";
import { namesOf } from "@/lib/results/dashboard";
import { followUpLimit, loadFollowUp } from "@/lib/results/follow-up";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { isLocale, localeNames } from "@/lib/i18n/locales";
import { EmptyResults } from "@/ui/dashboard/empty-results";
import { FilterBar } from "@/ui/dashboard/filter-bar";
import { FilterErrors } from "@/ui/dashboard/filter-errors";
import { fmtGap, fmtUtcMinute } from "@/lib/format";
import { firstParam, queryOf } from "@/ui/dashboard/query";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { recordFollowUp } from "./actions";
import { PageHead } from "@/ui/layout/page-head";
import { ActionButton } from "@/ui/forms/action-button";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("followUp.title") };
}

export default async function FollowUpPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("dashboard.followUp");
  const tg = await getTranslations("guide.followUp");
  const locale = await getLocale();
  const format = await getFormatter();
  const query = await searchParams;
  const path = `/studies/${study.id}/follow-up`;
  const parsed = filterFromSearchParams(query);
  const filter = parsed.success ? parsed.data : {};
  const showAll = firstParam(query.all) === "1";
  const error = firstParam(query.error);
  const canWrite = can(user.role, "write");
  const db = getDb();
  const [{ entries, followedUp, versions }, withResponses, submitted] = await Promise.all([
    loadFollowUp(db, study, parsed.success ? filter : {}, showAll),
    segmentsWithResponses(db, study.id),
    countSubmittedResponses(db, study.id),
  ]);
  const names = namesOf(versions, locale);
  const back = queryOf(filter, { all: showAll ? "1" : undefined });
  const action = recordFollowUp.bind(null, study.id);

  return (
    <>
      <StudyTabs study={study} current="followUp" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />
      {versions.length === 0 ? (
        <EmptyResults studyId={study.id} kind="unpublished" canWrite={canWrite} clearHref={path} />
      ) : (
        <>
          <FilterBar
            path={path}
            filter={filter}
            versions={versions.map((v) => v.number)}
            segments={[...new Set([...study.segments, ...withResponses])].filter(Boolean)}
            dataDays={null}
          >
            <div className="field checkbox-field">
              <label className="checkbox">
                <input type="checkbox" name="all" value="1" defaultChecked={showAll} /> {t("showDone")}
              </label>
            </div>
          </FilterBar>
          {!parsed.success && <FilterErrors error={parsed.error} />}
          {error && (
            <div className="alert error" role="alert">
              {error === "tooLong" ? t("errorTooLong") : t("errorInvalid")}
            </div>
          )}
          <p className="muted small" data-testid="follow-up-summary">
            {t("summary", { shown: entries.length, limit: followUpLimit, done: followedUp })}
            {!canWrite && <> {t("readOnly")}</>}
          </p>
          {entries.length === 0 && submitted === 0 ? (
            <EmptyResults studyId={study.id} kind="noResponses" canWrite={canWrite} clearHref={path} />
          ) : entries.length === 0 ? (
            <div className="card empty-state">
              <h2>{t("emptyTitle")}</h2>
              <p>{t("emptyText")}</p>
              <div className="actions guide-actions">
                <Link className="button secondary" href={`/studies/${study.id}/results`}>
                  {tg("toResults")}
                </Link>
                {!showAll && followedUp > 0 && (
                  <Link className="button secondary" href={`${path}${queryOf(filter, { all: "1" })}`}>
                    {tg("showDone")}
                  </Link>
                )}
              </div>
            </div>
          ) : (
            <ol className="follow-up-list">
              {entries.map((e) => (
                <li key={e.id} id={`r-${e.id}`} className={`card follow-up ${e.followedUpAt ? "done" : ""}`} data-testid="follow-up-entry">
                  <div className="follow-up-head">
                    <div>
                      <span className="kpi-small shortfall" aria-label={t("weightedGapLabel")}>
                        {fmtGap(e.gap)}
                      </span>{" "}
                      <span className="muted small">{t("weightedGap")}</span>
                    </div>
                    <div className="muted small">
                      {fmtUtcMinute(format, e.submittedAt)}
                      {e.segment && <> · {e.segment}</>} · {t("versionN", { n: e.version })} ·{" "}
                      {isLocale(e.language) ? localeNames[e.language] : e.language}
                    </div>
                  </div>
                  {e.worst.length > 0 && (
                    <p className="small">
                      {t("worst")}{" "}
                      {e.worst.map((w, i) => (
                        <span key={w.criterion}>
                          {i > 0 && ", "}
                          {names.criterion(w.criterion)} <strong>{fmtGap(w.gap)}</strong>
                        </span>
                      ))}
                    </p>
                  )}
                  {e.comments.length > 0 ? (
                    <ul className="comments">
                      {e.comments.map((c) => (
                        <li key={c.criterion}>
                          <span className="muted small">{names.criterion(c.criterion)}:</span> <q>{c.text}</q>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted small">{t("noComment")}</p>
                  )}
                  {e.followedUpAt ? (
                    <div className="follow-up-done">
                      <span className="badge exceeded">
                        {t("done", { date: format.dateTime(new Date(e.followedUpAt), { dateStyle: "medium", timeZone: "UTC" }) })}
                      </span>
                      {e.note && <p className="small">{t("noteShown", { note: e.note })}</p>}
                      {canWrite && (
                        <ActionButton action={action} fields={{ responseId: e.id, intent: "reopen", back }} className="button secondary small">
                          {t("reopen")}
                        </ActionButton>
                      )}
                    </div>
                  ) : (
                    canWrite && (
                      <form action={action} className="follow-up-form">
                        <input type="hidden" name="responseId" value={e.id} />
                        <input type="hidden" name="intent" value="done" />
                        <input type="hidden" name="back" value={back} />
                        <label htmlFor={`note-${e.id}`} className="small">
                          {t("note")}
                        </label>
                        <textarea id={`note-${e.id}`} name="note" maxLength={1000} rows={2} placeholder={t("notePlaceholder")} />
                        <button type="submit" className="button small">
                          {t("mark")}
                        </button>
                      </form>
                    )
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </>
  );
}
