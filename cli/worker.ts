// `npm run worker`: a process that only runs background jobs (imports, the
// demo), sends mail and delivers webhooks, for
// an installation that keeps its web instances free of them (WORKER=0 there).
// Applies pending migrations first, like every command; stops on SIGINT or
// SIGTERM after the job in hand ends or is given up (another worker takes
// it over when its lease runs out).
import { closeDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { startSweeps } from "@/lib/maintenance/sweep";
import { startWorker } from "@/lib/jobs/worker";
import { startMailer } from "@/lib/mail/mailer";
import { startDeliverer } from "@/lib/webhooks/deliverer";

async function main() {
  await applyMigrations();
  startSweeps();
  const worker = startWorker();
  const mailer = startMailer();
  const deliverer = startDeliverer();
  console.error(`worker ${worker.id} running; stop with Ctrl-C`);
  const keepAlive = setInterval(() => {}, 60_000);
  // Once, whatever number of signals arrive (Ctrl-C reaches npm's launcher and this process alike).
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(keepAlive);
      await Promise.all([worker.stop(), mailer?.stop(), deliverer.stop()]);
      await closeDatabase();
      process.exit(0);
    })());
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
