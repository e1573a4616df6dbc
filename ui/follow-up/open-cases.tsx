import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { CaseState } from "@/db/schema";

/** The study's follow-up cases waiting for someone, with a link to the list (the dashboard's reminder). */
export async function OpenCases({ studyId, counts }: { studyId: string; counts: Record<CaseState, number> }) {
  const t = await getTranslations("cases.dashboard");
  return (
    <section className="card dashboard-cases no-print" aria-labelledby="open-cases-heading" data-testid="open-cases">
      <h2 id="open-cases-heading" className="small-heading">
        {t("title")}
      </h2>
      <strong data-testid="open-cases-count" data-count={counts.open}>
        {t("open", { count: counts.open })}
      </strong>
      {counts.contacted > 0 && <span className="muted small">{t("contacted", { count: counts.contacted })}</span>}
      <Link href={`/studies/${studyId}/follow-up`}>{t("link")}</Link>
    </section>
  );
}
