import { getTranslations } from "next-intl/server";
import { closeSurveyNow, reopenSurvey } from "@/app/(manage)/studies/[id]/distribute/actions";
import type { SurveyStatus } from "@/lib/studies/distribution-status";

/**
 * "Close now" while the survey takes answers (confirmed first: a <details>
 * step that works without JavaScript), "Reopen" once its closing time has
 * passed. Neither shows before publishing or while it has not opened yet.
 */
export async function OpenCloseControls({ studyId, status }: { studyId: string; status: SurveyStatus }) {
  const t = await getTranslations("distribute.openClose");
  if (status.kind === "open" || status.kind === "full") {
    return (
      <details className="danger-zone open-close" data-testid="close-now">
        <summary>{t("close")}</summary>
        <form action={closeSurveyNow}>
          <input type="hidden" name="studyId" value={studyId} />
          <p className="small">{t("closeExplained")}</p>
          <button type="submit" className="button danger small">
            {t("closeConfirm")}
          </button>
        </form>
      </details>
    );
  }
  if (status.kind === "closed") {
    return (
      <form action={reopenSurvey} className="open-close" data-testid="reopen">
        <input type="hidden" name="studyId" value={studyId} />
        <p className="small muted">{t("reopenExplained")}</p>
        <button type="submit" className="button secondary small">
          {t("reopen")}
        </button>
      </form>
    );
  }
  return null;
}
