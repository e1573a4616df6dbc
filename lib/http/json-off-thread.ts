import { Worker } from "node:worker_threads";

// JSON.parse of a large body (an API batch of 5,000 responses is 6–9 MB)
// takes the event loop for 100 ms or more in one piece, and every other
// request waits. Above `offThreadBytes` the text is decoded and parsed on a
// worker thread instead; the value comes back in slices (each large array
// a few hundred elements at a time), each slice its own message, so the main
// thread rebuilds it in short steps with other requests served in between.
//
// The worker's code is inline (eval): it needs nothing but JSON, and an
// inline worker cannot be broken by how the app is bundled.

export const offThreadBytes = 512 * 1024;
const sliceLength = 250;

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const sliceLength = workerData.sliceLength;
parentPort.once("message", (bytes) => {
  let value;
  let text;
  try {
    text = new TextDecoder("utf-8").decode(bytes);
    value = JSON.parse(text);
  } catch (error) {
    parentPort.postMessage({ kind: "invalid" });
    return;
  }
  const nulEscape = text.includes("\\\\u0000");
  text = undefined;
  // Arrays of the top level, and of the top-level object's properties, go in slices.
  const arrays = [];
  const shell = (v, path) => {
    if (Array.isArray(v) && v.length > sliceLength) {
      arrays.push({ path, items: v });
      return { __slices: v.length };
    }
    return v;
  };
  let head;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    head = {};
    for (const [key, v] of Object.entries(value)) head[key] = shell(v, key);
  } else head = shell(value, null);
  parentPort.postMessage({ kind: "head", head, nulEscape, arrays: arrays.map((a) => ({ path: a.path, length: a.items.length })) });
  const slices = [];
  for (const { path, items } of arrays)
    for (let start = 0; start < items.length; start += sliceLength) slices.push({ path, start, end: start + sliceLength });
  // One slice each time the main thread asks ("next"): messages already
  // waiting are all taken in one turn of its event loop, so sending every
  // slice at once would rebuild the whole value in one piece after all.
  let next = 0;
  parentPort.on("message", () => {
    if (next === slices.length) return parentPort.postMessage({ kind: "end" });
    const { path, start, end } = slices[next++];
    const items = arrays.find((a) => a.path === path).items;
    parentPort.postMessage({ kind: "slice", path, start, items: items.slice(start, end) });
  });
});
`;

export type ParsedJson = { ok: true; value: unknown; nulEscape: boolean } | { ok: false };

type Message =
  | { kind: "invalid" }
  | { kind: "head"; head: unknown; nulEscape: boolean; arrays: { path: string | null; length: number }[] }
  | { kind: "slice"; path: string | null; start: number; items: unknown[] }
  | { kind: "end" };

/**
 * Parses UTF-8 JSON `bytes` on a worker thread. `bytes` is handed over (its
 * buffer is transferred, so the caller must not use it afterwards). Resolves
 * { ok: false } for text that is not JSON; `nulEscape` tells whether the text
 * holds the escape \u0000 (the caller checks the value for NUL then).
 */
export function parseJsonOffThread(bytes: Uint8Array): Promise<ParsedJson> {
  // Only a buffer of its own can be transferred; a view into a larger one is copied first.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { sliceLength } });
    let value: unknown;
    let nulEscape = false;
    const arrays = new Map<string | null, unknown[]>();
    let settled = false;
    const finish = (outcome: ParsedJson | Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.on("message", (message: Message) => {
      switch (message.kind) {
        case "invalid":
          return finish({ ok: false });
        case "head": {
          value = message.head;
          nulEscape = message.nulEscape;
          for (const { path, length } of message.arrays) {
            const items = new Array<unknown>(length);
            arrays.set(path, items);
            if (path === null) value = items;
            else (value as Record<string, unknown>)[path] = items;
          }
          return worker.postMessage("next");
        }
        case "slice": {
          const items = arrays.get(message.path)!;
          for (let i = 0; i < message.items.length; i++) items[message.start + i] = message.items[i];
          // The next slice after other requests had a turn.
          setImmediate(() => worker.postMessage("next"));
          return;
        }
        case "end":
          return finish({ ok: true, value, nulEscape });
      }
    });
    worker.on("error", (error) => finish(error));
    worker.on("exit", (code) => finish(new Error(`JSON worker exited with ${code} before it finished`)));
    worker.postMessage(own, [own.buffer as ArrayBuffer]);
  });
}
