export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { applyMigrations } = await import("./db/migrate");
    await applyMigrations();
    const { repairDatabase } = await import("./db/repair");
    await repairDatabase((line) => console.log(line));
  }
}
