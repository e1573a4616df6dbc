import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { latestVersion } from "@/db/queries/studies";
import { importLimits } from "@/lib/imports/plan";
import { loadUpload } from "@/lib/imports/upload-store";
import { ImportReport } from "@/ui/imports/import-report";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { discardUpload, importChecked } from "./actions";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const errorCodes = ["tooLarge", "noFile", "unpublished", "expired"] as const;

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

/**
 * Responses from a CSV file: upload and check (every problem by row and
 * column, nothing written), then import all or nothing. The report lives at
 * its own URL (?file=…), so it survives a reload and can be come back to.
 */
export default async function ImportPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const t = await getTranslations("import");
  const format = await getFormatter();
  const query = await searchParams;
  const token = typeof query.file === "string" ? query.file : null;
  const [upload, latest] = await Promise.all([
    token ? loadUpload(getDb(), token, user.workspaceId, study.id) : null,
    latestVersion(getDb(), study.id),
  ]);
  const record = upload?.record ?? null;
  const error = token && !record ? "expired" : errorCodes.find((code) => code === query.error);
  const published = latest !== undefined;
  const mb = Math.round(importLimits.bytes / (1024 * 1024));
  const base = `/studies/${study.id}`;

  return (
    <>
      <StudyTabs study={study} current="distribute" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />

      {error && (
        <div className="alert error" role="alert">
          {t(`errors.${error}`, { mb })}
        </div>
      )}
      {!published && (
        <div className="alert warn">
          {t("errors.publishFirst")} <Link href={`${base}/design#publish`}>{t("errors.design")}</Link>
        </div>
      )}

      {record && token && (
        <ImportReport studyId={study.id} token={token} record={record} importChecked={importChecked} discardUpload={discardUpload} />
      )}

      {published && record?.status !== "checked" && (
        <section className="card form-card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{record ? t("upload.againHeading") : t("upload.heading")}</h2>
          {/* A plain multipart POST to a route handler: works without JavaScript, and only that endpoint takes large bodies. */}
          <form method="post" action={`${base}/import/upload`} encType="multipart/form-data">
            <div className="field">
              <label htmlFor="import-file">{t("upload.file")}</label>
              <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" />
              <div className="hint" id="import-file-hint">
                {t("upload.fileHint", { mb, rows: format.number(importLimits.rows) })}
              </div>
            </div>
            <fieldset className="field choice-group" aria-describedby="import-sign-hint">
              <legend className="label">{t("upload.sign")}</legend>
              <div className="choice-cards">
                {(["e-p", "p-e"] as const).map((sign) => (
                  <label key={sign} className="choice-card">
                    <input type="radio" name="sign" value={sign} defaultChecked={(record?.sign ?? "e-p") === sign} />
                    <span>
                      <strong>{sign === "e-p" ? t("upload.signEp") : t("upload.signPe")}</strong>
                      <span className="muted small">{sign === "e-p" ? t("upload.signEpHint") : t("upload.signPeHint")}</span>
                    </span>
                  </label>
                ))}
              </div>
              <div className="hint" id="import-sign-hint">
                {t("upload.signHint")}
              </div>
            </fieldset>
            <div className="actions">
              <button type="submit" name="intent" value="check" className="button">
                {t("upload.check")}
              </button>
              <button type="submit" name="intent" value="import" className="button secondary">
                {t("upload.import")}
              </button>
            </div>
            <p className="muted small import-buttons-hint">{t("upload.buttonsHint")}</p>
          </form>
        </section>
      )}

      <section className="card" aria-labelledby="help-heading">
        <h2 id="help-heading">{t("help.heading")}</h2>
        <ul className="import-help">
          <li>{t("help.columns")}</li>
          <li>{t("help.ratings")}</li>
          <li>{t("help.idempotent")}</li>
          <li>{t("help.allOrNothing")}</li>
        </ul>
      </section>
    </>
  );
}
