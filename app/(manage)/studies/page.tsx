import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/current-user";

export default async function StudiesPage() {
  await requirePermission("read");
  const t = await getTranslations("common");
  return (
    <div className="page-head">
      <div>
        <h1>{t("nav.studies")}</h1>
      </div>
    </div>
  );
}
