import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { segmentsWithResponses } from "@/db/queries/aggregates";
import { listVersions } from "@/db/queries/studies";
import { caseStates } from "@/db/schema";
import { can } from "@/lib/auth/roles";
import { namesOf } from "@/lib/results/dashboard";
import {
  caseErrors,
  caseQueryFrom,
  caseQueryString,
  defaultCaseQuery,
  followUpLimit,
  loadCaseList,
  loadShortfalls,
  stateFilters,
  type CaseError,
} from "@/lib/results/follow-up";
import { loadStudy } from "@/lib/studies/load-study";
import { firstParam } from "@/ui/dashboard/query";
import { EmptyResults } from "@/ui/dashboard/empty-results";
import { ActionButton } from "@/ui/forms/action-button";
import { CaseCard } from "@/ui/follow-up/case-card";
import { ResponseFacts, WhoAnswered } from "@/ui/follow-up/response-facts";
import { PageHead } from "@/ui/layout/page-head";
import { StudyTabs } from "@/ui/study/study-tabs";
import { changeCase, openCase, removeCaseContact } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("cases");
  return { title: t("title") };
}

export default async function FollowUpPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("cases");
  const locale = await getLocale();
  const search = await searchParams;
  const path = `/studies/${study.id}/follow-up`;
  const parsed = caseQueryFrom(search);
  const query = parsed.success ? parsed.data : defaultCaseQuery;
  const errorCode = firstParam(search.error);
  const error = (caseErrors as readonly string[]).includes(errorCode ?? "") ? (errorCode as CaseError) : errorCode ? "invalid" : null;
  const canWrite = can(user.role, "write");
  // Contact details are personal data: owners and managers see them, as on the Contacts pages.
  const seesContacts = canWrite;
  const db = getDb();
  const back = caseQueryString(query);

  const [versions, withResponses] = await Promise.all([listVersions(db, study.id), segmentsWithResponses(db, study.id)]);
  const head = (
    <>
      <StudyTabs study={study} current="followUp" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />
    </>
  );
  // No customer bucket: nobody has answered yet (the buckets are written with every submit).
  if (versions.length === 0 || withResponses.length === 0) {
    return (
      <>
        {head}
        <EmptyResults studyId={study.id} kind={versions.length === 0 ? "unpublished" : "noResponses"} canWrite={canWrite} clearHref={path} />
      </>
    );
  }
  const names = namesOf(versions, locale);
  const segments = [...new Set([...study.segments, ...withResponses, ...(query.segment !== undefined ? [query.segment] : [])])];

  const viewTabs = (
    <nav className="tabs sub-tabs no-print" aria-label={t("views.label")}>
      {(["cases", "shortfalls"] as const).map((view) => (
        <Link key={view} href={`${path}${caseQueryString(query, { view })}`} aria-current={query.view === view ? "page" : undefined}>
          {t(`views.${view}`)}
        </Link>
      ))}
    </nav>
  );
  const notices = (
    <>
      {!parsed.success && (
        <div className="alert warn" role="status">
          {t("filter.invalid")}
        </div>
      )}
      {error && (
        <div className="alert error" role="alert" data-testid="case-error">
          {t(`errors.${error}`)}
        </div>
      )}
      {!canWrite && <p className="muted small">{t("readOnly")}</p>}
    </>
  );

  if (query.view === "shortfalls") {
    const { entries } = await loadShortfalls(db, study, query, seesContacts);
    const open = openCase.bind(null, study.id);
    return (
      <>
        {head}
        {viewTabs}
        {notices}
        <form method="get" action={path} className="card filter-bar no-print" aria-label={t("filter.label")}>
          <input type="hidden" name="view" value="shortfalls" />
          <SegmentField segments={segments} value={query.segment} label={t("filter.segment")} all={t("filter.allSegments")} />
          <div className="actions filter-actions">
            <button type="submit" className="button">
              {t("filter.apply")}
            </button>
          </div>
        </form>
        <p className="muted small" data-testid="shortfall-summary">
          {t("shortfalls.intro")} {t("shortfalls.summary", { shown: entries.length, limit: followUpLimit })}
        </p>
        {entries.length === 0 ? (
          <div className="card empty-state">
            <h2>{t("shortfalls.emptyTitle")}</h2>
            <p>{t("shortfalls.emptyText")}</p>
          </div>
        ) : (
          <ol className="follow-up-list">
            {entries.map((e) => (
              <li key={e.responseId} id={`r-${e.responseId}`} className="card follow-up case" data-testid="shortfall">
                <div className="case-body">
                  <div className="case-what">
                    <WhoAnswered who={e.who} />
                    <ResponseFacts summary={e} names={names} zone={user.timeZone} />
                  </div>
                  {canWrite && (
                    <div className="case-work">
                      <ActionButton action={open} fields={{ responseId: e.responseId, back }} className="button small">
                        {t("shortfalls.open")}
                      </ActionButton>
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </>
    );
  }

  const [{ entries, counts }, members] = await Promise.all([
    loadCaseList(db, study, query, { userId: user.userId, seesContacts }),
    listMembers(db, user.workspaceId),
  ]);
  const memberChoices = members.map((m) => ({ userId: m.userId, label: m.name ? `${m.name} (${m.email})` : m.email }));
  const actions = canWrite ? { change: changeCase.bind(null, study.id), removeContact: removeCaseContact.bind(null, study.id) } : undefined;

  return (
    <>
      {head}
      {viewTabs}
      {notices}
      <ul className="case-counts" aria-label={t("counts")} data-testid="case-counts">
        {caseStates.map((s) => (
          <li key={s}>
            <Link href={`${path}${caseQueryString(query, { state: s })}`} aria-current={query.state === s ? "true" : undefined} data-state={s}>
              <span className={`badge case-state ${s}`}>{t(`states.${s}`)}</span> <strong>{counts[s]}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <form method="get" action={path} className="card filter-bar no-print" aria-label={t("filter.label")}>
        <div className="field">
          <label htmlFor="case-state">{t("filter.state")}</label>
          <select id="case-state" name="state" defaultValue={query.state}>
            {stateFilters.map((s) => (
              <option key={s} value={s}>
                {s === "active" ? t("filter.active") : s === "all" ? t("filter.all") : t(`states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-assignee">{t("filter.assignee")}</label>
          <select id="case-assignee" name="assignee" defaultValue={query.assignee}>
            <option value="">{t("filter.anyone")}</option>
            <option value="me">{t("filter.me")}</option>
            <option value="unassigned">{t("filter.unassigned")}</option>
          </select>
        </div>
        <SegmentField segments={segments} value={query.segment} label={t("filter.segment")} all={t("filter.allSegments")} />
        <div className="field checkbox-field">
          <label className="checkbox">
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue === "1"} /> {t("filter.overdue")}
          </label>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">
            {t("filter.apply")}
          </button>
          <Link href={path} className="button secondary">
            {t("filter.clear")}
          </Link>
        </div>
      </form>
      <p className="muted small" data-testid="case-summary">
        {t("summary", { shown: entries.length, limit: followUpLimit })}
      </p>
      {entries.length === 0 ? (
        <div className="card empty-state">
          <h2>{t("emptyTitle")}</h2>
          <p>{t("emptyText")}</p>
          <div className="actions guide-actions">
            <Link className="button secondary" href={`${path}${caseQueryString(query, { view: "shortfalls" })}`}>
              {t("toShortfalls")}
            </Link>
          </div>
        </div>
      ) : (
        <ol className="follow-up-list">
          {entries.map((e) => (
            <CaseCard key={e.id} entry={e} names={names} members={memberChoices} back={back} zone={user.timeZone} actions={actions} />
          ))}
        </ol>
      )}
    </>
  );
}

/** The segment choice; "" is every segment, as in the dashboard's filter. */
function SegmentField({ segments, value, label, all }: { segments: string[]; value?: string; label: string; all: string }) {
  return (
    <div className="field">
      <label htmlFor="case-segment">{label}</label>
      <select id="case-segment" name="segment" defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {segments
          .filter((s) => s !== "")
          .map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
      </select>
    </div>
  );
}
