import type { VersionSnapshot } from "@/db/schema";

// Import files for tests and benchmarks: wide CSV (one row per response) of
// random but valid ratings for a version, generated line by line so a large
// file never has to exist whole in memory.

export type WideFileOptions = { segments: string[]; from?: number; days?: number; idPrefix?: string };

/** The header and `count` rows of a wide CSV for `snapshot`'s items. */
export function* wideCsvLines(snapshot: VersionSnapshot, count: number, options: WideFileOptions): Generator<string> {
  const items = snapshot.criteria.flatMap((c) => c.items);
  yield ["response_id", "segment", "submitted_at", ...items.flatMap((i) => [`${i.key}.expected`, `${i.key}.perceived`])].join(",") + "\r\n";
  const from = options.from ?? Date.UTC(2026, 0, 1);
  const days = options.days ?? 300;
  let seed = 12345;
  const random = () => {
    // A small deterministic generator: the same file every run.
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const rating = () => 1 + Math.floor(random() * snapshot.scale);
  for (let n = 0; n < count; n++) {
    const at = new Date(from + Math.floor(random() * days * 86_400_000)).toISOString();
    const segment = options.segments[n % options.segments.length] ?? "";
    yield [`${options.idPrefix ?? "r"}${n}`, segment, at, ...items.flatMap(() => [rating(), rating()])].join(",") + "\r\n";
  }
}

/** A whole wide CSV in memory (small files). */
export function wideCsv(snapshot: VersionSnapshot, count: number, options: WideFileOptions): string {
  return [...wideCsvLines(snapshot, count, options)].join("");
}

/** The same lines as byte chunks of about `chunkBytes`, as an upload arrives. */
export async function* wideCsvChunks(
  snapshot: VersionSnapshot,
  count: number,
  options: WideFileOptions,
  chunkBytes = 64 * 1024,
): AsyncGenerator<Uint8Array> {
  let parts: string[] = [];
  let size = 0;
  for (const line of wideCsvLines(snapshot, count, options)) {
    parts.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield Buffer.from(parts.join(""), "utf8");
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(""), "utf8");
}
