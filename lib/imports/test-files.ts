import type { VersionSnapshot } from "@/db/schema";
import { csvLine } from "@/lib/exports/csv";

// Import files for tests and benchmarks: wide CSV (one row per response) of
// random but valid ratings for a version, generated line by line so a large
// file never has to exist whole in memory.

export type WideFileOptions = {
  segments: string[];
  from?: number;
  days?: number;
  idPrefix?: string;
  /** Add a comment column per criterion, most rows with a sentence in it (a file as large as real ones). */
  comments?: boolean;
};

const sentences = [
  "The check-in took far too long, and nobody told us why the room was not ready.",
  "服務人員很親切，但是等候時間太長，希望下次可以改善。",
  "Friendly staff; the breakfast area was crowded and the coffee machine broken.",
  "",
];

/** The header and `count` rows of a wide CSV for `snapshot`'s items. */
export function* wideCsvLines(snapshot: VersionSnapshot, count: number, options: WideFileOptions): Generator<string> {
  const items = snapshot.criteria.flatMap((c) => c.items);
  const commented = options.comments ? snapshot.criteria.map((c) => `${c.key}.comment`) : [];
  yield csvLine(["response_id", "segment", "submitted_at", ...items.flatMap((i) => [`${i.key}.expected`, `${i.key}.perceived`]), ...commented]);
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
    const comments = commented.map((_, c) => sentences[(n + c) % sentences.length]);
    yield csvLine([`${options.idPrefix ?? "r"}${n}`, segment, at, ...items.flatMap(() => [rating(), rating()]), ...comments]);
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
