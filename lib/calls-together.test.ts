import { describe, expect, it } from "vitest";
import { callsTogether } from "./calls-together";

/** A `run` whose statements the test finishes by hand, recording each group it was given. */
function controlledRun() {
  const groups: { key: string; args: number[]; finish: (error?: Error) => void }[] = [];
  const run = (key: string, args: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      groups.push({ key, args, finish: (error) => (error ? reject(error) : resolve(args.map((a) => a * 10))) });
    });
  return { groups, run };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("calls together", () => {
  it("sends the calls of one turn in one group, each getting its own result", async () => {
    const { groups, run } = controlledRun();
    const call = callsTogether(run);
    const results = Promise.all([call("k", 1), call("k", 2), call("k", 3)]);
    await turn();
    expect(groups.map((g) => g.args)).toEqual([[1, 2, 3]]);
    groups[0].finish();
    expect(await results).toEqual([10, 20, 30]);
  });

  it("never adds a call to a group already running: it waits for the next", async () => {
    const { groups, run } = controlledRun();
    const call = callsTogether(run);
    const first = call("k", 1);
    await turn();
    expect(groups).toHaveLength(1);
    const later = Promise.all([call("k", 2), call("k", 3)]);
    await turn();
    // Still one group: 2 and 3 wait while 1 runs.
    expect(groups.map((g) => g.args)).toEqual([[1]]);
    groups[0].finish();
    expect(await first).toBe(10);
    await turn();
    expect(groups.map((g) => g.args)).toEqual([[1], [2, 3]]);
    groups[1].finish();
    expect(await later).toEqual([20, 30]);
  });

  it("runs different keys side by side", async () => {
    const { groups, run } = controlledRun();
    const call = callsTogether(run);
    const x = call("x", 1);
    await turn();
    const y = call("y", 2);
    await turn();
    expect(groups.map((g) => [g.key, g.args])).toEqual([
      ["x", [1]],
      ["y", [2]],
    ]);
    groups[1].finish();
    expect(await y).toBe(20);
    groups[0].finish();
    expect(await x).toBe(10);
  });

  it("fails every call of a failed group, and only those", async () => {
    const { groups, run } = controlledRun();
    const call = callsTogether(run);
    const failing = [call("k", 1), call("k", 2)].map((p) => p.catch((e: Error) => e.message));
    await turn();
    const next = call("k", 3);
    groups[0].finish(new Error("database gone"));
    expect(await Promise.all(failing)).toEqual(["database gone", "database gone"]);
    await turn();
    groups[1].finish();
    expect(await next).toBe(30);
  });

  it("splits a crowd into groups of at most the limit, in order", async () => {
    const { groups, run } = controlledRun();
    const call = callsTogether(run, 2);
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => call("k", n)));
    await turn();
    for (let i = 0; i < 3; i++) {
      groups[i].finish();
      await turn();
    }
    expect(groups.map((g) => g.args)).toEqual([[1, 2], [3, 4], [5]]);
    expect(await all).toEqual([10, 20, 30, 40, 50]);
  });
});
