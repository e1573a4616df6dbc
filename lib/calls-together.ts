// Many requests at once ask the database the same question: every API call
// reads its key and counts a hit on that key's rate limit, and every submit
// reads the study it goes to. Once submits were stored in groups
// (lib/responses/submits-together.ts), these two statements per request were
// what was left of each submit's own round trips: on PostgreSQL they held one
// instance at 320 responses/s, and shared it does 400-500. So calls
// with the same key that arrive while one statement for that key is running
// wait, and then all of them go in the next statement together.
//
// Nothing is answered from a statement sent before the call arrived: a call
// waits for the next statement, never joins one already running, so what it
// gets is as fresh as if it had run alone. One statement per key runs at a
// time in a process; different keys do not wait for each other.

type Waiting<A, R> = { arg: A; resolve: (result: R) => void; reject: (error: unknown) => void };
type Line<A, R> = { waiting: Waiting<A, R>[] };

/**
 * Wraps `run`, which answers many calls with the same key at once (one
 * result per argument, in order), into a function of one call. The first
 * call for a key runs one turn of the event loop later, so calls made in
 * the same turn join it; calls made while it runs go in the next. If `run`
 * fails, every call of that group fails with its error.
 */
export function callsTogether<A, R>(run: (key: string, args: A[]) => Promise<R[]>, groupLimit = 1_000): (key: string, arg: A) => Promise<R> {
  const lines = new Map<string, Line<A, R>>();

  async function drain(key: string, line: Line<A, R>): Promise<void> {
    while (line.waiting.length > 0) {
      const group = line.waiting.splice(0, groupLimit);
      try {
        const results = await run(
          key,
          group.map((w) => w.arg),
        );
        group.forEach((w, i) => w.resolve(results[i]));
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    // Nothing can be added between the check above and this (no await): a later call starts a new line.
    lines.delete(key);
  }

  return (key, arg) =>
    new Promise<R>((resolve, reject) => {
      let line = lines.get(key);
      if (line) {
        line.waiting.push({ arg, resolve, reject });
        return;
      }
      line = { waiting: [{ arg, resolve, reject }] };
      lines.set(key, line);
      const started = line;
      setImmediate(() => void drain(key, started));
    });
}
