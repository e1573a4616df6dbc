import { getTranslations } from "next-intl/server";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { queryOf } from "./query";

const formats = ["long", "wide", "summary", "gaps", "codebook", "xlsx"] as const;

/** Download links for the current filter; the export route checks access again. */
export async function ExportLinks({ studyId, filter }: { studyId: string; filter: ResultsFilter }) {
  const t = await getTranslations("dashboard.export");
  return (
    <section className="card no-print" aria-labelledby="export-heading">
      <h2 id="export-heading">{t("title")}</h2>
      <p className="muted small">{t("intro")}</p>
      <ul className="export-list">
        {formats.map((format) => (
          <li key={format}>
            <a className="button secondary small" href={`/studies/${studyId}/export${queryOf(filter, { format })}`} download>
              {t(`format.${format}`)}
            </a>{" "}
            <span className="muted small">{t(`hint.${format}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
