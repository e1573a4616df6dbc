import { getFormatter, getTranslations } from "next-intl/server";
import type { ImportJobView } from "@/lib/imports/import-job-view";

// An import job that has not ended: a progress bar, and Cancel. The page
// around it refreshes itself (a meta refresh, so without JavaScript too).

type Action = (form: FormData) => Promise<void>;

export async function ImportProgress({ studyId, job, cancelImport }: { studyId: string; job: ImportJobView; cancelImport: Action }) {
  const t = await getTranslations("import.progress");
  const format = await getFormatter();
  const total = job.progress.total ?? 0;
  const done = total > 0 ? Math.min(job.progress.done, total) : job.progress.done;
  const file = job.fileName;
  const heading = { waiting: job.check ? "waitingCheck" : "waitingImport", running: job.check ? "checking" : "importing", stopping: "stopping" }[
    job.stage as "waiting" | "running" | "stopping"
  ];

  return (
    <section className="card import-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t(heading, { file })}</h2>
      <progress
        className="import-progress-bar"
        value={done}
        max={Math.max(total, 1)}
        aria-labelledby="progress-heading"
        aria-describedby="progress-rows"
      />
      <p id="progress-rows" className={job.stage === "waiting" ? "import-progress-rows waiting" : "import-progress-rows"}>
        {job.stage === "waiting"
          ? t("waitingRows", { total: format.number(total) })
          : t("rows", { done: format.number(done), total: format.number(total) })}
      </p>
      <p className="muted small">{job.stage === "stopping" ? t("stoppingHint") : t(job.check ? "leaveCheck" : "leaveImport")}</p>
      {job.stage !== "stopping" && (
        <form action={cancelImport}>
          <input type="hidden" name="studyId" value={studyId} />
          <input type="hidden" name="job" value={job.id} />
          <button type="submit" className="button secondary">
            {t(job.check ? "cancelCheck" : "cancelImport")}
          </button>
        </form>
      )}
    </section>
  );
}
