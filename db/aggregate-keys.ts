import { and, eq, inArray, max } from "drizzle-orm";
import type { Reader, Tx } from "./client";
import { lockName } from "./locks";
import { aggregateKeys } from "./schema";

// Aggregate keys (lib/scoring's JSON tuples, up to a few hundred characters)
// stand as small numbers inside packed bucket sums: aggregate_keys holds each
// study's dictionary. A number, once given, never changes, so a process keeps
// what it has read — but only rows it did not write itself: a transaction
// that added keys may still roll back, and its numbers with it.

type Dictionary = { byKey: Map<string, number>; byNumber: Map<number, string> };
const known = new Map<string, Dictionary>();
/** Keys a transaction numbered itself: not kept until another read finds them committed. */
const addedBy = new WeakMap<object, Set<string>>();

function dictionary(studyId: string): Dictionary {
  let d = known.get(studyId);
  if (!d) {
    d = { byKey: new Map(), byNumber: new Map() };
    known.set(studyId, d);
  }
  return d;
}

async function readAll(db: Reader, studyId: string) {
  const rows = await db
    .select({ number: aggregateKeys.number, key: aggregateKeys.key })
    .from(aggregateKeys)
    .where(eq(aggregateKeys.studyId, studyId));
  const own = addedBy.get(db);
  const d = dictionary(studyId);
  for (const r of rows) {
    if (!own?.has(r.key)) {
      d.byKey.set(r.key, r.number);
      d.byNumber.set(r.number, r.key);
    }
  }
  return rows;
}

/**
 * Numbers for `keys`, adding the ones the study has not used yet. New keys
 * are numbered under a named lock per study (PostgreSQL; SQLite runs one
 * write transaction at a time), and the unique indexes back it. Publishing
 * registers every key a version can produce, so submits rarely get here.
 */
export async function numbersOfKeys(tx: Tx, studyId: string, keys: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)];
  const d = dictionary(studyId);
  const out = new Map<string, number>();
  let missing = wanted.filter((k) => {
    const n = d.byKey.get(k);
    if (n !== undefined) out.set(k, n);
    return n === undefined;
  });
  if (missing.length === 0) return out;

  // Committed by others (or by an earlier transaction of this process): safe to keep.
  await readAll(tx, studyId);
  missing = missing.filter((k) => {
    const n = d.byKey.get(k);
    if (n !== undefined) out.set(k, n);
    return n === undefined;
  });
  if (missing.length === 0) return out;

  await lockName(tx, `aggregate-keys:${studyId}`);
  // Read again under the lock (another instance may have just added some), without keeping.
  const fresh = new Map(
    (
      await tx
        .select({ number: aggregateKeys.number, key: aggregateKeys.key })
        .from(aggregateKeys)
        .where(and(eq(aggregateKeys.studyId, studyId), inArray(aggregateKeys.key, missing)))
    ).map((r) => [r.key, r.number]),
  );
  const [top] = await tx
    .select({ n: max(aggregateKeys.number) })
    .from(aggregateKeys)
    .where(eq(aggregateKeys.studyId, studyId));
  let next = (top?.n ?? 0) + 1;
  const added: { studyId: string; number: number; key: string }[] = [];
  for (const key of missing) {
    const number = fresh.get(key) ?? next++;
    out.set(key, number);
    if (!fresh.has(key)) added.push({ studyId, number, key });
  }
  for (let i = 0; i < added.length; i += 500) await tx.insert(aggregateKeys).values(added.slice(i, i + 500));
  let own = addedBy.get(tx);
  if (!own) addedBy.set(tx, (own = new Set()));
  for (const a of added) own.add(a.key);
  return out;
}

/** The keys of the given numbers. */
export async function keysOfNumbers(db: Reader, studyId: string, numbers: Iterable<number>): Promise<Map<number, string>> {
  const d = dictionary(studyId);
  const wanted = [...numbers];
  if (wanted.every((n) => d.byNumber.has(n))) return d.byNumber;
  const all = new Map((await readAll(db, studyId)).map((r) => [r.number, r.key]));
  for (const n of wanted) if (!all.has(n)) throw new Error(`aggregate key number ${n} is not in study ${studyId}'s dictionary`);
  return all;
}

/** Numbers every key in `keys` now (publishing a version registers all it can produce). */
export async function registerAggregateKeys(tx: Tx, studyId: string, keys: Iterable<string>): Promise<void> {
  await numbersOfKeys(tx, studyId, keys);
}
