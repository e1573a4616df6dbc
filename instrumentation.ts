export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { applyMigrations } = await import("./db/migrate");
    await applyMigrations();
    const { repairDatabase } = await import("./lib/results/repair");
    await repairDatabase((line) => console.log(line));
    // Stale survey drafts and expired sessions; a job once issue 15's job system exists.
    const { startSweeps } = await import("./lib/maintenance/sweep");
    startSweeps();
  }
}
