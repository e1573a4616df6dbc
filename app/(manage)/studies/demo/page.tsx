import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findJob } from "@/db/queries/jobs";
import { requirePermission } from "@/lib/auth/current-user";
import { demoJobView } from "@/lib/demo/demo-job";
import { idSchema } from "@/lib/validation/ids";
import { DemoProgress } from "@/ui/demo/demo-progress";
import { AutoRefresh } from "@/ui/imports/auto-refresh";
import { PageHead } from "@/ui/layout/page-head";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("demo.progress");
  return { title: t("title") };
}

/**
 * The job creating the workspace's demo study (?job=…): its progress while it
 * runs, refreshing itself (without JavaScript too); the demo's dashboard once
 * it succeeded; the list with "demo failed" when it did not. Only for those
 * who may create a demo, and only the workspace's own jobs.
 */
export default async function DemoProgressPage({ searchParams }: Props) {
  const user = await requirePermission("write");
  const query = await searchParams;
  const jobId = typeof query.job === "string" ? query.job : null;
  if (!jobId) redirect("/studies");
  const found = idSchema.safeParse(jobId).success ? await findJob(getDb(), user.workspaceId, jobId) : undefined;
  // Another workspace's job (which findJob never finds) or another kind is not found here.
  if (!found || found.kind !== "demo") notFound();
  const job = demoJobView(found);
  if (job.stage === "succeeded") redirect(`/studies/${job.studyId}/results`);
  if (job.stage === "failed") redirect("/studies?demo=failed");
  const t = await getTranslations("demo.progress");
  return (
    <>
      <AutoRefresh seconds={1} />
      <PageHead title={t("title")} intro={t("intro")} />
      <DemoProgress stage={job.stage} done={job.done} total={job.total} />
    </>
  );
}
