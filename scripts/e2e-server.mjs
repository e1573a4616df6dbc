// Starts the app for Playwright: a fresh build of the current code on a
// throwaway database (deleted first), bound to loopback.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const url = process.env.DATABASE_URL ?? "";
const file = url.startsWith("file:") ? url.slice(5) : url;
if (!file || !file.includes("e2e-db")) {
  console.error("e2e-server refuses to wipe a database outside an e2e-db folder.");
  process.exit(1);
}
fs.rmSync(path.dirname(path.resolve(file)), { recursive: true, force: true });

const nextBin = "node_modules/next/dist/bin/next";
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, [nextBin, "start", "-p", process.env.PORT ?? "3210", "-H", "127.0.0.1"], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
