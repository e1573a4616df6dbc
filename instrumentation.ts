export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./db/client");
    const { applyMigrations } = await import("./db/migrate");
    applyMigrations(getDb());
  }
}
