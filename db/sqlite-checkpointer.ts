import { once } from "node:events";
import { Worker } from "node:worker_threads";

// Copying the write-ahead log back into the SQLite file (a checkpoint) on a
// thread of its own. SQLite does it by default inside the COMMIT that grows
// the log past 1,000 pages, synchronously: with better-sqlite3 that froze
// the whole server for 100–400 ms now and then during an import. The writer
// connection turns that off (wal_autocheckpoint = 0) and this thread, with
// its own connection, runs a PASSIVE checkpoint every second instead: it
// never waits for readers or the writer, and its disk work blocks no request.

const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const checkpoint = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(file: string, everyMs = 1_000): Checkpointer {
  const worker = new Worker(source, { eval: true, workerData: { file, everyMs } });
  // It must never keep a process (a CLI command, a test) alive.
  worker.unref();
  worker.on("error", (error) => console.error(`SQLite checkpoint thread stopped: ${error.message}`));
  return {
    async stop() {
      // Held while it finishes: with nothing else pending, an unref'd thread
      // would let the process exit in the middle of the caller's await.
      worker.ref();
      const exited = once(worker, "exit");
      worker.postMessage("stop");
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
