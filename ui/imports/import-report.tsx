import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ImportJobView } from "@/lib/imports/import-job-view";

// The outcome of an ended import job: every problem by row and column, or
// what the file holds and the button that imports it, or what was imported;
// or why it stopped (a whole-file problem, an error, a cancel).

const shownProblems = 1000;

type Action = (form: FormData) => Promise<void>;

export async function ImportReport({ studyId, job, importChecked }: { studyId: string; job: ImportJobView; importChecked: Action }) {
  const t = await getTranslations("import");
  const format = await getFormatter();
  const problems = job.report?.problems ?? [];
  const file = job.fileName;

  return (
    <section className="card import-report" aria-labelledby="report-heading">
      {job.stage === "problems" && (
        <>
          <div className="alert error" role="alert">
            <h2 id="report-heading" className="import-report-title">
              {t("report.problemsTitle", { count: job.problemCount, file })}
            </h2>
            <p>{t("report.problemsHint")}</p>
          </div>
          <div className="table-wrap">
            <table className="data import-problems">
              <caption className="visually-hidden">{t("report.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("report.row")}
                  </th>
                  <th scope="col">{t("report.column")}</th>
                  <th scope="col">{t("report.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, shownProblems).map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.row}</td>
                    <td>{p.column ? <code>{p.column}</code> : <span className="muted">{t("report.wholeFile")}</span>}</td>
                    <td>{t(`problems.${p.code}`, p.params ?? {})}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.problemCount > Math.min(shownProblems, problems.length) && (
            <p className="muted small">
              {t("report.truncated", { shown: format.number(Math.min(shownProblems, problems.length)), total: format.number(job.problemCount) })}
            </p>
          )}
        </>
      )}

      {job.stage === "failed" && (
        <div className="alert error" role="alert">
          <h2 id="report-heading" className="import-report-title">
            {t(job.check ? "report.failedCheckTitle" : "report.failedTitle", { file })}
          </h2>
          {job.failures.map((p, i) => (
            <p key={i}>{t(`problems.${p.code}`, p.params ?? {})}</p>
          ))}
        </div>
      )}

      {job.stage === "cancelled" && (
        <div className="alert info" role="status">
          <h2 id="report-heading" className="import-report-title">
            {t(job.check ? "report.cancelledCheckTitle" : "report.cancelledTitle", { file })}
          </h2>
          <p>{t("report.cancelledText")}</p>
        </div>
      )}

      {job.stage === "checked" && (
        <div className={`alert ${job.added > 0 ? "ok" : "info"}`}>
          <h2 id="report-heading" className="import-report-title">
            {t("report.checkedTitle", { file })}
          </h2>
          <p>{job.added > 0 ? t("report.checkedText", { added: job.added, present: job.present }) : t("report.nothingNew")}</p>
        </div>
      )}

      {job.stage === "imported" && (
        <div className="alert ok" role="status">
          <h2 id="report-heading" className="import-report-title">
            {t("report.importedTitle", { added: job.added, present: job.present })}
          </h2>
          <p>{job.added > 0 ? t("report.importedText") : t("report.importedNothing")}</p>
        </div>
      )}

      {(job.stage === "checked" || job.stage === "imported") && <ImportSummary job={job} />}

      <div className="actions">
        {job.stage === "checked" && job.added > 0 && (
          <form action={importChecked}>
            <input type="hidden" name="studyId" value={studyId} />
            <input type="hidden" name="job" value={job.id} />
            <button type="submit" className="button">
              {t("report.importButton", { count: job.added })}
            </button>
          </form>
        )}
        {job.stage === "imported" && (
          <Link className="button" href={`/studies/${studyId}/results`}>
            {t("report.viewResults")}
          </Link>
        )}
        {job.stage === "checked" && (
          <Link className={job.added > 0 ? "button secondary" : "button"} href={`/studies/${studyId}/import`}>
            {t("report.discard")}
          </Link>
        )}
      </div>
    </section>
  );
}

async function ImportSummary({ job }: { job: ImportJobView }) {
  const t = await getTranslations("import.summary");
  const format = await getFormatter();
  const report = job.report;
  if (!report) return null;
  const s = report.summary;
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <dl className="summary-list import-summary">
      <dt>{t("file")}</dt>
      <dd>
        {job.fileName} <span className="muted small">({format.number(Math.max(1, Math.round(job.bytes / 1024)))} KB)</span>
      </dd>
      <dt>{t("format")}</dt>
      <dd>
        {report.format === "wide" ? t("formatWide") : t("formatLong")}
        {s.readAs && (
          <>
            {" "}
            <span className="muted small">({t(`readAs.${s.readAs}`)})</span>
          </>
        )}
      </dd>
      <dt>{t("rows")}</dt>
      <dd>{format.number(s.rows)}</dd>
      <dt>{t("responses")}</dt>
      <dd>{format.number(s.responses)}</dd>
      <dt>{t("present")}</dt>
      <dd>{format.number(job.present)}</dd>
      <dt>{t("versions")}</dt>
      <dd>{s.versions.map((v) => t("versionCount", { number: v.number, count: format.number(v.responses) })).join(" · ")}</dd>
      <dt>{t("segments")}</dt>
      <dd>{s.segments.map((x) => `${x.name || t("noSegment")}: ${format.number(x.responses)}`).join(" · ")}</dd>
      {s.from !== null && s.to !== null && (
        <>
          <dt>{t("dates")}</dt>
          <dd>{t("dateRange", { from: day(s.from), to: day(s.to) })}</dd>
        </>
      )}
      <dt>{t("sign")}</dt>
      <dd>{job.sign === "p-e" ? t("signPe") : t("signEp")}</dd>
    </dl>
  );
}
