import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Why there is nothing to show yet, and the way forward. */
export async function EmptyResults({
  studyId,
  kind,
  canWrite,
  clearHref,
}: {
  studyId: string;
  kind: "unpublished" | "noResponses" | "noMatch" | "unknownVersion";
  canWrite: boolean;
  clearHref: string;
}) {
  const t = await getTranslations("dashboard.empty");
  return (
    <div className="card empty-state" data-testid="empty-results">
      <h2>{t(`${kind}.title`)}</h2>
      <p>{t(`${kind}.text`)}</p>
      {kind === "unpublished" && (
        <Link className="button" href={`/studies/${studyId}/design`}>
          {t("unpublished.action")}
        </Link>
      )}
      {kind === "noResponses" &&
        (canWrite ? (
          <Link className="button" href={`/studies/${studyId}/distribute`}>
            {t("noResponses.action")}
          </Link>
        ) : (
          <p className="muted small">{t("noResponses.askManager")}</p>
        ))}
      {(kind === "noMatch" || kind === "unknownVersion") && (
        <Link className="button secondary" href={clearHref}>
          {t("clearFilter")}
        </Link>
      )}
    </div>
  );
}
