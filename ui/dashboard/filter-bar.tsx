import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ResultsFilter } from "@/lib/validation/results-filter";

/**
 * The dashboard filter as a plain GET form: it works without JavaScript and
 * leaves every choice in the URL, so a filtered view can be shared or bookmarked.
 */
export async function FilterBar({
  path,
  filter,
  versions,
  segments,
  dataDays,
  hidden = {},
  children,
}: {
  path: string;
  filter: ResultsFilter;
  versions: number[];
  segments: string[];
  dataDays: { first: string; last: string } | null;
  hidden?: Record<string, string>;
  children?: React.ReactNode;
}) {
  const t = await getTranslations("dashboard.filter");
  return (
    <form method="get" action={path} className="card filter-bar no-print" aria-label={t("label")}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="filter-version">{t("version")}</label>
        <select id="filter-version" name="version" defaultValue={filter.version ? String(filter.version) : ""}>
          <option value="">{t("allVersions")}</option>
          {versions.map((v) => (
            <option key={v} value={String(v)}>
              {t("versionN", { n: v })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">{t("from")}</label>
        <input id="filter-from" type="date" name="from" defaultValue={filter.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t("to")}</label>
        <input id="filter-to" type="date" name="to" defaultValue={filter.to ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-segment">{t("segment")}</label>
        <select id="filter-segment" name="segment" defaultValue={filter.segment ?? ""}>
          <option value="">{t("allSegments")}</option>
          {[...new Set([...segments, ...(filter.segment ? [filter.segment] : [])])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {children}
      <div className="actions filter-actions">
        <button type="submit" className="button">
          {t("apply")}
        </button>
        <Link href={`${path}${Object.keys(hidden).length ? `?${new URLSearchParams(hidden)}` : ""}`} className="button secondary">
          {t("clear")}
        </Link>
      </div>
      {dataDays && <p className="muted small filter-note">{t("dataRange", { first: dataDays.first, last: dataDays.last })}</p>}
    </form>
  );
}
