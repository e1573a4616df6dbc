import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ItemResult } from "@/lib/scoring/results";
import { lowN, type Names } from "@/lib/results/dashboard";
import { fmt, fmtCi, fmtGap, fmtP } from "@/lib/format";
import { VerdictBadge } from "./verdict-badge";

export const itemSortKeys = ["item", "criterion", "n", "expected", "perceived", "gap", "sd", "p"] as const;
export type ItemSort = (typeof itemSortKeys)[number];
export type SortDir = "asc" | "desc";

export function parseItemSort(sort: string | undefined, dir: string | undefined): { sort: ItemSort; dir: SortDir } {
  const key = (itemSortKeys as readonly string[]).includes(sort ?? "") ? (sort as ItemSort) : "gap";
  return { sort: key, dir: dir === "asc" ? "asc" : dir === "desc" ? "desc" : key === "item" || key === "criterion" || key === "p" ? "asc" : "desc" };
}

const value = (i: ItemResult, sort: ItemSort, names: Names): number | string | null => {
  switch (sort) {
    case "item":
      return names.item(i.key);
    case "criterion":
      return names.criterion(i.criterion);
    case "n":
      return i.n;
    case "expected":
      return i.expected.mean;
    case "perceived":
      return i.perceived.mean;
    case "gap":
      return i.gap.mean;
    case "sd":
      return i.gap.sd;
    case "p":
      return i.gap.p;
  }
};

/** Sorted on the server, so the header links work without JavaScript; empty values sort last. */
export function sortItems(items: ItemResult[], sort: ItemSort, dir: SortDir, names: Names): ItemResult[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = value(a, sort, names);
    const y = value(b, sort, names);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number)) * sign;
  });
}

export async function ItemTable({
  items,
  names,
  sort,
  dir,
  hrefFor,
}: {
  items: ItemResult[];
  names: Names;
  sort: ItemSort;
  dir: SortDir;
  hrefFor: (sort: ItemSort, dir: SortDir) => string;
}) {
  const t = await getTranslations("dashboard.items");
  const sorted = sortItems(items, sort, dir, names);
  const header = (key: ItemSort, label: string, numeric: boolean) => {
    const active = key === sort;
    const next: SortDir = active ? (dir === "asc" ? "desc" : "asc") : numeric && key !== "p" ? "desc" : "asc";
    return (
      <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={`${hrefFor(key, next)}#items`} className="sort-link" aria-label={t("sortBy", { column: label })}>
          {label}
          <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
        </Link>
      </th>
    );
  };
  return (
    <div className="table-wrap">
      <table className="data stack-on-phone" data-testid="item-table">
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            {header("item", t("item"), false)}
            {header("criterion", t("criterion"), false)}
            {header("n", "n", true)}
            {header("expected", t("expected"), true)}
            {header("perceived", t("perceived"), true)}
            {header("gap", t("gap"), true)}
            {header("sd", t("sd"), true)}
            <th scope="col" className="num">
              {t("ci")}
            </th>
            {header("p", "p", true)}
            <th scope="col">{t("verdict")}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((i) => (
            <tr key={i.key} data-item={i.key}>
              <th scope="row" className="item-text">
                {names.item(i.key)} <span className="muted small">({i.key})</span>
                {i.n > 0 && i.n < lowN && <span className="badge low-n">{t("lowN")}</span>}
              </th>
              <td data-label={t("criterion")}>{names.criterion(i.criterion)}</td>
              <td className="num" data-label="n">
                {i.n}
              </td>
              <td className="num" data-label={t("expected")}>
                {fmt(i.expected.mean)}
              </td>
              <td className="num" data-label={t("perceived")}>
                {fmt(i.perceived.mean)}
              </td>
              <td className="num key-stat" data-label={t("gap")}>
                {fmtGap(i.gap.mean)}
              </td>
              <td className="num" data-label={t("sd")}>
                {fmt(i.gap.sd)}
              </td>
              <td className="num" data-label={t("ci")}>
                {fmtCi(i.gap.ci)}
              </td>
              <td className="num" data-label="p">
                {fmtP(i.gap.p)}
              </td>
              <td className="key-stat" data-label={t("verdict")}>
                <VerdictBadge verdict={i.gap.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
