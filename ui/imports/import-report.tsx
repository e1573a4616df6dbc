import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { UploadRecord } from "@/lib/imports/upload-store";

// The outcome of an uploaded file: every problem by row and column, or what
// the file holds and the button that imports it, or what was imported.

const shownProblems = 1000;

type Action = (form: FormData) => Promise<void>;

export async function ImportReport({
  studyId,
  token,
  record,
  importChecked,
  discardUpload,
}: {
  studyId: string;
  token: string;
  record: UploadRecord;
  importChecked: Action;
  discardUpload: Action;
}) {
  const t = await getTranslations("import");
  const format = await getFormatter();
  const total = record.problems.length + record.moreProblems;
  const added = record.summary.responses - record.present;

  return (
    <section className="card import-report" aria-labelledby="report-heading">
      {record.status === "problems" && (
        <>
          <div className="alert error" role="alert">
            <h2 id="report-heading" className="import-report-title">
              {t("report.problemsTitle", { count: total, file: record.fileName })}
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
                {record.problems.slice(0, shownProblems).map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.row}</td>
                    <td>{p.column ? <code>{p.column}</code> : <span className="muted">{t("report.wholeFile")}</span>}</td>
                    <td>{t(`problems.${p.code}`, p.params ?? {})}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > shownProblems && (
            <p className="muted small">{t("report.truncated", { shown: format.number(shownProblems), total: format.number(total) })}</p>
          )}
        </>
      )}

      {record.status === "checked" && (
        <div className={`alert ${added > 0 ? "ok" : "info"}`}>
          <h2 id="report-heading" className="import-report-title">
            {t("report.checkedTitle", { file: record.fileName })}
          </h2>
          <p>{added > 0 ? t("report.checkedText", { added, present: record.present }) : t("report.nothingNew")}</p>
        </div>
      )}

      {record.status === "imported" && (
        <div className="alert ok" role="status">
          <h2 id="report-heading" className="import-report-title">
            {t("report.importedTitle", { added: record.added ?? 0, present: record.present })}
          </h2>
          <p>{t("report.importedText")}</p>
        </div>
      )}

      {record.status !== "problems" && <ImportSummary record={record} />}

      <div className="actions">
        {record.status === "checked" && added > 0 && (
          <form action={importChecked}>
            <input type="hidden" name="studyId" value={studyId} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button">
              {t("report.importButton", { count: added })}
            </button>
          </form>
        )}
        {record.status === "checked" && (
          <form action={discardUpload}>
            <input type="hidden" name="studyId" value={studyId} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button secondary">
              {t("report.discard")}
            </button>
          </form>
        )}
        {record.status === "imported" && (
          <Link className="button" href={`/studies/${studyId}/results`}>
            {t("report.viewResults")}
          </Link>
        )}
      </div>
    </section>
  );
}

async function ImportSummary({ record }: { record: UploadRecord }) {
  const t = await getTranslations("import.summary");
  const format = await getFormatter();
  const s = record.summary;
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <dl className="summary-list import-summary">
      <dt>{t("file")}</dt>
      <dd>
        {record.fileName} <span className="muted small">({format.number(Math.max(1, Math.round(record.bytes / 1024)))} KB)</span>
      </dd>
      <dt>{t("format")}</dt>
      <dd>{record.format === "wide" ? t("formatWide") : t("formatLong")}</dd>
      <dt>{t("rows")}</dt>
      <dd>{format.number(s.rows)}</dd>
      <dt>{t("responses")}</dt>
      <dd>{format.number(s.responses)}</dd>
      <dt>{t("present")}</dt>
      <dd>{format.number(record.present)}</dd>
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
      <dd>{record.sign === "p-e" ? t("signPe") : t("signEp")}</dd>
    </dl>
  );
}
