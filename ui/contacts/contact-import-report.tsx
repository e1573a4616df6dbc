import { getFormatter, getTranslations } from "next-intl/server";
import type { ImportReport } from "@/lib/contacts/import-report-cookie";

// A refused contacts file: every problem by row and column, as the response
// import's report shows them (ui/imports/import-report.tsx).

export async function ContactImportReport({ report }: { report: ImportReport }) {
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  return (
    <section className="card import-report" aria-labelledby="report-heading">
      <div className="alert error" role="alert">
        <h2 id="report-heading" className="import-report-title">
          {t("import.problemsTitle", { count: report.count, file: report.file })}
        </h2>
        <p>{t("import.problemsHint")}</p>
      </div>
      <div className="table-wrap">
        <table className="data import-problems">
          <caption className="visually-hidden">{t("import.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("import.row")}
              </th>
              <th scope="col">{t("import.column")}</th>
              <th scope="col">{t("import.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i}>
                <td className="num">{p.row === 0 ? "—" : p.row}</td>
                <td>{p.column ? <code>{p.column}</code> : <span className="muted">{t("import.wholeFile")}</span>}</td>
                <td>{t(`problems.${p.code}`, p.params ?? {})}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.count > report.problems.length && (
        <p className="muted small">{t("import.truncated", { shown: format.number(report.problems.length), total: format.number(report.count) })}</p>
      )}
    </section>
  );
}
