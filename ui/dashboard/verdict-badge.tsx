import { getTranslations } from "next-intl/server";
import type { Verdict } from "@/lib/scoring/types";

export async function VerdictBadge({ verdict }: { verdict: Verdict | null }) {
  const t = await getTranslations("dashboard.verdict");
  if (!verdict) return <span className="badge">{t("none")}</span>;
  return <span className={`badge ${verdict}`}>{t(verdict)}</span>;
}
