import { describe, expect, it } from "vitest";
import { eventLoopPacer } from "./event-loop";

// The pacer yields only for work that has held the event loop for its time
// without a turn: awaiting real I/O (a PostgreSQL query, here a timer)
// already gave the loop its turn.

/** Whether `pace()` let an immediate queued just before it run: a sign it yielded. */
async function yielded(pace: () => Promise<void>): Promise<boolean> {
  let ran = false;
  setImmediate(() => (ran = true));
  await pace();
  return ran;
}

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("eventLoopPacer", () => {
  it("yields once work has held the loop past its time, and not before", async () => {
    const pace = eventLoopPacer(4);
    expect(await yielded(pace)).toBe(false);
    busy(6);
    expect(await yielded(pace)).toBe(true);
    busy(1);
    expect(await yielded(pace)).toBe(false);
  });

  it("does not yield again after a wait that gave the loop a turn", async () => {
    const pace = eventLoopPacer(4);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await yielded(pace)).toBe(false);
    // The count starts over from that turn.
    busy(2);
    expect(await yielded(pace)).toBe(false);
    busy(3);
    expect(await yielded(pace)).toBe(true);
  });
});
