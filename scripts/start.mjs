// `npm start`: build once when no build exists, then serve. Migrations are
// applied by instrumentation.ts when the server boots.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import { nextBin, nextStartArgs } from "./next-server.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("No build found: running `next build` once (about 30 s)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = nextStartArgs({ port: process.env.PORT ?? "3000", host: process.env.HOSTNAME_BIND });
const server = spawn(process.execPath, args, { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
