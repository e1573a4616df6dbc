export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { applyMigrations } = await import("./db/migrate");
    await applyMigrations();
    const { repairDatabase } = await import("./lib/results/repair");
    await repairDatabase((line) => console.log(line));
    // Stale survey drafts, expired sessions, old jobs and their files.
    const { startSweeps } = await import("./lib/maintenance/sweep");
    startSweeps();
    // Background jobs (imports), unless this is a web-only instance (WORKER=0).
    const { env } = await import("./lib/env");
    if (env.WORKER) {
      const { startWorker } = await import("./lib/jobs/worker");
      startWorker();
      // The outbox: invitations, reminders, password resets (when SMTP is set up).
      const { startMailer } = await import("./lib/mail/mailer");
      startMailer();
      // Webhook deliveries (signed POSTs, retried for a day).
      const { startDeliverer } = await import("./lib/webhooks/deliverer");
      startDeliverer();
    }
  }
}
