import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ImportJobView, Requester } from "@/lib/imports/import-job-view";

// The study's latest import jobs, each linking to its page (?job=…).

export async function RecentImports({
  studyId,
  jobs,
  requesters,
  current,
}: {
  studyId: string;
  jobs: ImportJobView[];
  /** Who asked for each job, by job id. */
  requesters: ReadonlyMap<string, Requester>;
  current: string | null;
}) {
  const t = await getTranslations("import.recent");
  const format = await getFormatter();
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const who = (job: ImportJobView) => {
    const r = requesters.get(job.id) ?? { kind: "unknown" };
    return r.kind === "member" ? r.name : t(`by.${r.kind}`);
  };
  const outcome = (job: ImportJobView) => {
    switch (job.stage) {
      case "waiting":
      case "running":
      case "stopping":
        return t("outcome.rows", { done: format.number(job.progress.done), total: format.number(job.progress.total ?? 0) });
      case "checked":
        return t("outcome.checked", { responses: job.report?.summary.responses ?? 0, added: job.added });
      case "imported":
        return t("outcome.imported", { added: job.added, present: job.present });
      case "problems":
        return t("outcome.problems", { count: job.problemCount });
      case "failed":
      case "cancelled":
        return t("outcome.nothing");
    }
  };

  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t("heading")}</h2>
      {jobs.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data recent-imports">
            <caption className="visually-hidden">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("file")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("outcome.heading")}</th>
                <th scope="col">{t("when")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} aria-current={job.id === current ? "true" : undefined}>
                  <td>
                    <Link href={`/studies/${studyId}/import?job=${job.id}`}>{job.fileName || t("noName")}</Link>
                    <div className="muted small">{job.check ? t("check") : t("import")}</div>
                  </td>
                  <td>
                    <span className={`badge import-state ${job.stage}`}>{t(`stage.${job.stage}`)}</span>
                  </td>
                  <td>{outcome(job)}</td>
                  <td>
                    {when(job.createdAt)}
                    <div className="muted small">{who(job)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
