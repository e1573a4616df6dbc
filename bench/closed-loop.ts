// A closed loop of clients: each sends its next request as soon as its last
// one is answered, as a pool of API clients does. Requests per second that
// such a loop gets through is what the benches compare between routes,
// engines and instance counts.

/**
 * Requests per second that `clients` clients get through `send` in `ms`
 * (counting those `send` says succeeded), and how many did not: a request
 * that throws (a socket error) counts as failed and its client goes on.
 * `send` gets each request's number, 0, 1, 2… across all clients.
 */
export async function closedLoopRate(
  clients: number,
  ms: number,
  send: (n: number) => Promise<boolean>,
): Promise<{ perSecond: number; failures: number }> {
  const until = performance.now() + ms;
  let next = 0;
  let done = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        try {
          if (await send(next++)) done++;
          else failures++;
        } catch {
          failures++;
        }
      }
    }),
  );
  return { perSecond: done / ((performance.now() - started) / 1000), failures };
}
