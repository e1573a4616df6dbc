/**
 * Lets the event loop run everything that is waiting (other requests, timers,
 * I/O) before going on. On SQLite the driver is synchronous, so awaiting
 * queries alone never gives the loop a turn.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * For long work on the only thread (a batch of thousands of responses): call
 * the returned function between steps; it yields to the event loop once the
 * work has held it for `ms` without a turn, and otherwise returns at once.
 * Paced by time, not by a count of steps: a step's cost varies with the
 * engine and the machine's load, and other requests need a turn every few
 * milliseconds (one request of theirs waits for several turns: routing,
 * reading, the handler, writing the answer). A step that waited for I/O
 * (a PostgreSQL query) has given the loop its turn already: yielding again
 * would only make the work wait behind everything else once more.
 */
export function eventLoopPacer(ms = 4): () => Promise<void> {
  let last = performance.now();
  let turned = false;
  // Set by an immediate, which runs only once the loop has had a turn
  // (its I/O polled) since it was scheduled.
  const watch = () => {
    turned = false;
    setImmediate(() => (turned = true));
  };
  watch();
  return async () => {
    if (turned) {
      last = performance.now();
      watch();
      return;
    }
    if (performance.now() - last < ms) return;
    await yieldToEventLoop();
    last = performance.now();
    watch();
  };
}
