// One benchmark file, run once per engine: the database client picks its
// engine from DATABASE_URL when the process starts, so each engine gets a
// child process of its own. In the child (the engine variable set) the file
// measures, prints the figures as one JSON line and exits; in the parent it
// gets each engine's figures back, or why there are none.

import { spawnSync } from "node:child_process";

export const engines = ["sqlite", "postgres"] as const;
export type Engine = (typeof engines)[number];

export type EngineRun<T> = { engine: Engine } & ({ status: "ok"; figures: T } | { status: "skipped" | "failed"; reason: string });

const pgUrl = process.env.LOAD_PG_URL ?? process.env.E2E_PG_URL ?? "postgres://root@127.0.0.1:5432/test";

/** The child's measure, or the parent's runs of `file` on each engine (never both). */
export async function perEngine<T>(file: string, engineVariable: string, measure: () => Promise<T>, args: string[] = []): Promise<EngineRun<T>[]> {
  if (process.env[engineVariable]) {
    try {
      console.log(JSON.stringify(await measure()));
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  }
  return engines.map((engine): EngineRun<T> => {
    const env = { ...process.env, [engineVariable]: engine, DATABASE_URL: engine === "postgres" ? pgUrl : "" };
    const child = spawnSync(process.execPath, ["--import", "tsx", file, ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (child.status === 0) return { engine, status: "ok", figures: JSON.parse(child.stdout.trim().split("\n").pop()!) as T };
    const reason = (child.stderr || child.stdout).trim().split("\n").slice(-3).join(" ");
    // No PostgreSQL server is a skip, not a failure (as npm run bench reports it).
    const skipped = engine === "postgres" && /ECONNREFUSED|ENOTFOUND|connect/i.test(reason);
    return { engine, status: skipped ? "skipped" : "failed", reason };
  });
}
