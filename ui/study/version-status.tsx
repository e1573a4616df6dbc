import { getFormatter, getTranslations } from "next-intl/server";

type Latest = { number: number; publishedAt: number; publishedByEmail: string | null } | undefined;

/** Where the draft stands against the latest version: never published, equal to it, or changed since. */
export async function VersionStatus({ latest, unchanged }: { latest: Latest; unchanged: boolean }) {
  const t = await getTranslations("study.status");
  const format = await getFormatter();
  if (!latest) {
    return (
      <div className="alert info status-banner" data-testid="draft-status">
        <strong>{t("draftOnly")}</strong> {t("draftOnlyHint")}
      </div>
    );
  }
  const when = format.dateTime(new Date(latest.publishedAt), { dateStyle: "medium", timeStyle: "short" });
  const who = latest.publishedByEmail ?? t("viaApi");
  return (
    <div className={`alert ${unchanged ? "ok" : "warn"} status-banner`} data-testid="draft-status">
      <strong>{unchanged ? t("equal", { version: latest.number }) : t("differs", { version: latest.number })}</strong>{" "}
      {t("publishedBy", { version: latest.number, when, who })}{" "}
      {unchanged ? t("equalHint", { next: latest.number + 1 }) : t("differsHint", { version: latest.number, next: latest.number + 1 })}
    </div>
  );
}
