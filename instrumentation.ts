export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { applyMigrations } = await import("./db/migrate");
    await applyMigrations();
  }
}
