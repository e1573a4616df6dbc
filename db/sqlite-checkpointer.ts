import { once } from "node:events";
import { Worker } from "node:worker_threads";

// Copying the write-ahead log back into the SQLite file (a checkpoint) on a
// thread of its own. SQLite does it by default inside the COMMIT that grows
// the log past 1,000 pages, synchronously: with better-sqlite3 that froze
// the whole server for 100–400 ms now and then during an import. The writer
// connection turns that off (wal_autocheckpoint = 0) and this thread, with
// its own connection, runs a PASSIVE checkpoint every second instead: it
// never waits for readers or the writer, and its disk work blocks no request.
//
// A checkpoint alone does not shorten the log: SQLite starts writing it from
// the beginning again only when a write begins after a checkpoint copied
// every frame. Under steady writes some commit always lands while the
// checkpoint runs, so the log grew without end (75 MB for a 1.8 MB database
// after 2,500 submits; a 100,000-row import wrote hundreds of MB). So when a
// checkpoint leaves the log longer than `catchUpFrames`, the thread asks the
// process to pause its writes (`pauseWrites`: the writer's queue, which other
// requests wait on without blocking the event loop) while it checkpoints
// once more. With no commit in between, that checkpoint copies every frame,
// the next write starts the log over, and the writer's journal_size_limit
// cuts the file back.

const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const checkpoint = () => { try { return db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch { return null; } };
let asked = false;
const timer = setInterval(() => {
  const done = checkpoint();
  if (!asked && done && done.log > workerData.catchUpFrames) {
    asked = true;
    parentPort.postMessage("pause writes");
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message === "writes paused") {
    checkpoint();
    asked = false;
    parentPort.postMessage("caught up");
    return;
  }
  clearInterval(timer); checkpoint(); db.close(); parentPort.close();
});
`;

export type Checkpointer = { stop(): Promise<void> };

export type CheckpointerOptions = {
  everyMs?: number;
  /** The log's length, in pages, past which writes pause for a checkpoint that catches up. */
  catchUpFrames?: number;
  /** Runs `during` when no write of this process is under way and holds every write back until it ends. */
  pauseWrites: (during: () => Promise<void>) => Promise<void>;
};

export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer {
  const { everyMs = 1_000, catchUpFrames = 4_096, pauseWrites } = options;
  const worker = new Worker(source, { eval: true, workerData: { file, everyMs, catchUpFrames } });
  // It must never keep a process (a CLI command, a test) alive.
  worker.unref();
  worker.on("error", (error) => console.error(`SQLite checkpoint thread stopped: ${error.message}`));
  // One listener for the thread's end, shared by every pause (a listener per
  // pause would pile up for as long as the thread lives).
  const exited = once(worker, "exit").catch(() => undefined);
  let stopping = false;
  worker.on("message", (message) => {
    if (message !== "pause writes" || stopping) return;
    void pauseWrites(async () => {
      if (stopping) return;
      // Writes wait on this: never longer than the thread lives, nor than 5 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const caughtUp = Promise.race([once(worker, "message"), exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      worker.postMessage("writes paused");
      await caughtUp.finally(() => clearTimeout(timer));
    }).catch(() => undefined);
  });
  return {
    async stop() {
      stopping = true;
      // Held while it finishes: with nothing else pending, an unref'd thread
      // would let the process exit in the middle of the caller's await.
      worker.ref();
      worker.postMessage("stop");
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
