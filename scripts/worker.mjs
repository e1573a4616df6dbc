// `npm run worker`: cli/worker.ts under the server's Node flags (the heap
// limit of next-server.mjs), since it runs the same imports as a server's
// own worker does.
import { spawn } from "node:child_process";
import { serverNodeFlags } from "./next-server.mjs";

const worker = spawn(process.execPath, [...serverNodeFlags(), "--import", "tsx", "cli/worker.ts"], { stdio: "inherit" });
// Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
// The worker stops once, however many it gets.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => worker.kill(signal));
worker.on("exit", (code) => process.exit(code ?? 0));
