import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { findJob, listStudyJobs } from "@/db/queries/jobs";
import { latestVersion } from "@/db/queries/studies";
import { importJobView, requesterOf } from "@/lib/imports/import-job-view";
import { importLimits } from "@/lib/imports/plan";
import { encodingChoices } from "@/lib/imports/csv-records";
import { idSchema } from "@/lib/validation/ids";
import { AutoRefresh } from "@/ui/imports/auto-refresh";
import { ImportProgress } from "@/ui/imports/import-progress";
import { ImportReport } from "@/ui/imports/import-report";
import { RecentImports } from "@/ui/imports/recent-imports";
import { PageHead } from "@/ui/layout/page-head";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { cancelImport, importChecked } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const errorCodes = ["tooLarge", "noFile", "unpublished", "unknownJob"] as const;
const recentCount = 10;

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

/**
 * Responses from a CSV file: the upload goes to a background job that
 * checks it (every problem by row and column, nothing written) or imports
 * it all or nothing. The job has its own URL (?job=…): its progress while it
 * runs (the page refreshes itself, without JavaScript too), its report once
 * it ended; it can be left and come back to, and is listed under the
 * study's recent imports.
 */
export default async function ImportPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const t = await getTranslations("import");
  const format = await getFormatter();
  const query = await searchParams;
  const jobId = typeof query.job === "string" ? query.job : null;
  const [found, latest, recent, members] = await Promise.all([
    jobId && idSchema.safeParse(jobId).success ? findJob(getDb(), user.workspaceId, jobId) : undefined,
    latestVersion(getDb(), study.id),
    listStudyJobs(getDb(), user.workspaceId, study.id, "import", recentCount),
    listMembers(getDb(), user.workspaceId),
  ]);
  // Another study's job (or another workspace's, which findJob never finds) is unknown here.
  const job = found && found.kind === "import" && found.studyId === study.id ? importJobView(found) : null;
  const error = jobId && !job ? "unknownJob" : errorCodes.find((code) => code === query.error);
  const published = latest !== undefined;
  const mb = Math.round(importLimits.bytes / (1024 * 1024));
  const base = `/studies/${study.id}`;
  const recentJobs = recent.map(importJobView);
  const names = new Map(members.map((m) => [m.userId, m.name || m.email]));
  const requesters = new Map(recentJobs.map((j) => [j.id, requesterOf(j.createdBy, names)]));
  // While a job runs the form waits, and so does it after a clean check (its report offers the import).
  const showForm = published && !job?.active && !(job?.stage === "checked" && job.added > 0);

  return (
    <>
      {job?.active && <AutoRefresh seconds={2} />}
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

      {job?.active && <ImportProgress studyId={study.id} job={job} cancelImport={cancelImport} />}
      {job && !job.active && <ImportReport studyId={study.id} job={job} importChecked={importChecked} />}

      {showForm && (
        <section className="card form-card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{job ? t("upload.againHeading") : t("upload.heading")}</h2>
          {/*
            A plain multipart POST to a route handler: works without JavaScript, and only that endpoint takes large bodies.
            The file streams into the job as it arrives, so what decides the job comes first: the sign before the file
            input, the intent in each button's formAction (a pressed button's own value would be sent after the file).
          */}
          <form method="post" action={`${base}/import/upload`} encType="multipart/form-data">
            <fieldset className="field choice-group" aria-describedby="import-sign-hint">
              <legend className="label">{t("upload.sign")}</legend>
              <div className="choice-cards">
                {(["e-p", "p-e"] as const).map((sign) => (
                  <label key={sign} className="choice-card">
                    <input type="radio" name="sign" value={sign} defaultChecked={(job?.sign ?? "e-p") === sign} />
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
            <div className="field">
              <label htmlFor="import-encoding">{t("upload.encoding")}</label>
              <select id="import-encoding" name="encoding" defaultValue="auto" aria-describedby="import-encoding-hint">
                {encodingChoices.map((encoding) => (
                  <option key={encoding} value={encoding}>
                    {t(`upload.encodings.${encoding}`)}
                  </option>
                ))}
              </select>
              <div className="hint" id="import-encoding-hint">
                {t("upload.encodingHint")}
              </div>
            </div>
            <div className="field">
              <label htmlFor="import-file">{t("upload.file")}</label>
              <input
                id="import-file"
                name="file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                required
                aria-describedby="import-file-hint"
              />
              <div className="hint" id="import-file-hint">
                {t("upload.fileHint", { mb, rows: format.number(importLimits.rows) })}{" "}
                <a href={`${base}/import/template`} download>
                  {t("upload.template")}
                </a>
              </div>
            </div>
            <div className="actions">
              <button type="submit" formAction={`${base}/import/upload?intent=check`} className="button">
                {t("upload.check")}
              </button>
              <button type="submit" formAction={`${base}/import/upload?intent=import`} className="button secondary">
                {t("upload.import")}
              </button>
            </div>
            <p className="muted small import-buttons-hint">{t("upload.buttonsHint")}</p>
          </form>
        </section>
      )}

      <RecentImports studyId={study.id} jobs={recentJobs} requesters={requesters} current={job?.id ?? null} />

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
