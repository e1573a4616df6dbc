import { randomUUID } from "node:crypto";

// A background loop that works off a table of due rows (the mail outbox, the
// webhook deliveries): it calls `work` until it handles nothing, then waits
// `idleMs` or until woken (rows were just queued in this process). A failing
// round is logged once a minute at most for the same message, and the loop
// goes on: the next round may find the database back.

export type PollingLoop = { id: string; stop(): Promise<void>; wake(): void };

export function startPollingLoop({
  name,
  idleMs,
  log,
  work,
  running,
}: {
  /** How the log names it ("mailer", "webhook deliverer"), with the loop's id after. */
  name: string;
  idleMs: number;
  log: (line: string) => void;
  /** One round: how many rows it handled; `stopped` tells it to end early. */
  work: (stopped: () => boolean) => Promise<number>;
  /** The process's loops of this kind, so queuing code can wake them. */
  running: Set<PollingLoop>;
}): PollingLoop {
  const id = randomUUID().slice(0, 8);
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let lastError = { message: "", at: 0 };
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await work(() => stopped);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError.message || Date.now() - lastError.at > 60_000) {
          log(`${name} ${id}: ${message}`);
          lastError = { message, at: Date.now() };
        }
      }
      if (handled === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          timer.unref();
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  const handle: PollingLoop = {
    id,
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      running.delete(handle);
      await loop;
    },
  };
  running.add(handle);
  return handle;
}
