import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Permission } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/db/schema";
import { DemoBanner } from "@/ui/demo/demo-forms";

export const studyTabs = [
  { key: "overview", path: "", needs: "read" },
  { key: "design", path: "/design", needs: "read" },
  { key: "distribute", path: "/distribute", needs: "write" },
  { key: "results", path: "/results", needs: "read" },
  { key: "gaps", path: "/gaps", needs: "read" },
  { key: "followUp", path: "/follow-up", needs: "read" },
  { key: "report", path: "/report", needs: "read" },
] as const satisfies readonly { key: string; path: string; needs: Permission }[];

export type StudyTabKey = (typeof studyTabs)[number]["key"];

/**
 * The study's sections, shared by the manager's and the analyst's pages.
 * Tabs a role may not use are left out; the pages check access themselves.
 */
export async function StudyTabs({
  study,
  current,
  role,
}: {
  study: { id: string; name: string; isDemo?: boolean };
  current: StudyTabKey;
  role: Role;
}) {
  const t = await getTranslations("studyNav");
  return (
    <>
      <div className="crumbs no-print">
        <Link href="/studies">{t("allStudies")}</Link> / <span>{study.name}</span>
        {study.isDemo && (
          <span className="badge demo" style={{ marginLeft: "0.5rem" }}>
            {t("demo")}
          </span>
        )}
      </div>
      <nav className="tabs no-print" aria-label={t("sections")}>
        {studyTabs
          .filter((tab) => can(role, tab.needs))
          .map((tab) => (
            <Link key={tab.key} href={`/studies/${study.id}${tab.path}`} aria-current={tab.key === current ? "page" : undefined}>
              {t(tab.key)}
            </Link>
          ))}
      </nav>
      {study.isDemo && <DemoBanner studyId={study.id} canWrite={can(role, "write")} />}
    </>
  );
}
