// How much more CPU-bound work two processes get done on this machine than
// one at a time: the ceiling of any "two instances ÷ one" figure measured
// here. Two virtual cores may share a physical core or a busy host, and then
// even work that shares nothing does not double.

import { spawn } from "node:child_process";

// About a second of arithmetic, no memory traffic, no I/O.
const work = "let x = 0; for (let i = 0; i < 4e8; i++) x += Math.sqrt(i); if (x < 0) console.log(x);";

function runProcesses(n: number): Promise<number> {
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

/** Per round, the work two processes finish in a time ÷ what one finishes (one alone, then two together). */
export async function twoProcessScaling(rounds = 3): Promise<number[]> {
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const one = await runProcesses(1);
    const two = await runProcesses(2);
    ratios.push((2 * one) / two);
  }
  return ratios;
}
