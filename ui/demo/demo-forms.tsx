import { getTranslations } from "next-intl/server";
import { exploreDemoAction, removeDemoAction } from "@/app/(manage)/studies/demo-actions";
import { PendingButton } from "./pending-button";

/** "Explore a demo": creates the workspace's demo study (or opens it) and shows its dashboard. */
export async function ExploreDemoForm({ className = "button secondary" }: { className?: string }) {
  const t = await getTranslations("demo");
  return (
    <form action={exploreDemoAction} className="demo-form">
      <PendingButton label={t("explore")} pendingLabel={t("creating")} className={className} />
    </form>
  );
}

/** "Remove demo" in one click: the action deletes only studies marked as a demo. */
export async function RemoveDemoForm({ studyId, className = "button danger small" }: { studyId: string; className?: string }) {
  const t = await getTranslations("demo");
  return (
    <form action={removeDemoAction} className="demo-form no-print">
      <input type="hidden" name="studyId" value={studyId} />
      <PendingButton label={t("remove")} pendingLabel={t("removing")} className={className} />
    </form>
  );
}

/** Shown on every page of a demo study, so invented figures are never taken for real ones. */
export async function DemoBanner({ studyId, canWrite }: { studyId: string; canWrite: boolean }) {
  const t = await getTranslations("demo");
  return (
    <div className="alert warn demo-banner" role="note" data-testid="demo-banner">
      <div>
        <strong>{t("banner")}</strong>
        {canWrite && <span className="small"> {t("bannerHint")}</span>}
      </div>
      {canWrite && <RemoveDemoForm studyId={studyId} />}
    </div>
  );
}
