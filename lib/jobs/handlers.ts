import type { JobKind } from "@/db/schema";
import { demoJobHandler } from "@/lib/demo/demo-job";
import { importJobHandler } from "@/lib/imports/import-job";
import type { JobHandler } from "./worker";

/** What runs a job of each kind. */
export const jobHandlers: Record<JobKind, JobHandler> = {
  import: importJobHandler,
  demo: demoJobHandler,
};
