// How much more work two processes get done on this machine than one at a
// time: the ceiling of any "two instances ÷ one" figure measured here. Two
// virtual cores may share a physical core, caches or a busy host, and then
// even work that shares nothing does not double. Arithmetic alone shows the
// least of that; a server's work (building objects, parsing and writing
// JSON, collecting garbage) goes through memory and caches, and shows more:
// on one host, 1.9-2.0× for the first and 1.6-1.75× for the second.

import { spawn } from "node:child_process";

/** About a second of arithmetic each: no memory traffic, no I/O. */
const arithmetic = "let x = 0; for (let i = 0; i < 4e8; i++) x += Math.sqrt(i); if (x < 0) console.log(x);";

/**
 * About a second each of what a submit does to memory: a 24-item response
 * parsed from JSON, changed, written back to JSON and kept for a while, so
 * that the garbage collector has young and old objects to deal with.
 */
const allocating = `
  const body = JSON.stringify({ responses: [{ id: "r", segment: "A", answers: Array.from({ length: 24 }, (_, i) => ({ item: "item-" + i, expected: (i % 7) + 1, perceived: ((i * 3) % 7) + 1 })) }] });
  const kept = new Map();
  for (let i = 0; i < 80000; i++) {
    const response = JSON.parse(body);
    response.responses[0].id = String(i);
    kept.set(i % 5000, JSON.stringify(response));
  }`;

function runProcesses(work: string, n: number): Promise<number> {
  const started = performance.now();
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["-e", work], { stdio: "ignore" });
          child.on("error", reject);
          child.on("exit", () => resolve());
        }),
    ),
  ).then(() => performance.now() - started);
}

async function scaling(work: string, rounds: number): Promise<number[]> {
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const one = await runProcesses(work, 1);
    const two = await runProcesses(work, 2);
    ratios.push((2 * one) / two);
  }
  return ratios;
}

/** Per round and kind of work, what two processes finish in a time ÷ what one finishes (one alone, then two together). */
export async function twoProcessScaling(rounds = 3): Promise<{ arithmetic: number[]; allocating: number[] }> {
  return { arithmetic: await scaling(arithmetic, rounds), allocating: await scaling(allocating, rounds) };
}
