// How every launcher starts the Next server (`npm start`, the e2e server, the
// benches, the screenshots), so that each tests and measures what `npm start`
// runs in production.

export const nextBin = "node_modules/next/dist/bin/next";

/**
 * The JavaScript heap's limit, in MB. Without one, V8 takes a limit from the
 * machine's memory (about 4 GB on a 24 GB machine) and, under a limit that
 * large, lets the heap grow up to fourfold between full collections: a
 * 100,000-row import took the server from 160 to 440 MB, nearly all of it
 * garbage not yet collected. Under a 1 GB limit V8 collects sooner (it
 * scales its growth factor down for limits under 2 GB): the same import
 * peaked at 275-290 MB at the same speed. 1 GB is still several times what
 * the heaviest work needs (the 100,000-response XLSX export and the demo
 * finish within 256 MB).
 */
export const heapLimitMb = 1024;

/**
 * Node's flags for the server process: the heap limit above, unless
 * NODE_OPTIONS sets one (a small machine's own choice wins).
 */
export function serverNodeFlags(env = process.env) {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? "") ? [] : [`--max-old-space-size=${heapLimitMb}`];
}

/**
 * The arguments after `node` that start the built app on `port`, bound to
 * `host` when one is given.
 * @param {{ port: number | string, host?: string, nodeFlags?: string[] }} options
 */
export function nextStartArgs({ port, host, nodeFlags = [] }) {
  return [...serverNodeFlags(), ...nodeFlags, nextBin, "start", "-p", String(port), ...(host ? ["-H", host] : [])];
}
