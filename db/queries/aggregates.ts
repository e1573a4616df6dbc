import { and, asc, eq, gte, inArray, lte, max, min, sql, type SQL } from "drizzle-orm";
import type { AggregateEntry } from "@/lib/scoring/aggregate-entries";
import { perspectives } from "@/lib/scoring/types";
import { addSums, decodeSums, encodeSums, type PackedSums } from "../aggregates-codec";
import { keysOfNumbers, numbersOfKeys } from "../aggregate-keys";

export { registerAggregateKeys } from "../aggregate-keys";
import { currentEngine, kept, rawAll, type Reader, type Tx } from "../client";
import { builderForUpdate, inCodePointOrder, lockClause } from "../locks";
import { aggregateBuckets } from "../schema";

// Running sums per bucket (see db/schema/sqlite.ts): a write adds entries to
// one bucket row — read it under a row lock, add, write it back — and a read
// adds up the rows a filter selects. Only this module knows the packing.

export type CustomerBucket = { studyId: string; versionId: string; segment: string; day: number };
export type PerspectiveBucket = { studyId: string; versionId: string; perspective: string };
type Bucket = { studyId: string; perspective: string; versionId: string; segment: string; day: number };

const customer = "customer";

// Floating-point sums depend on the order of addition: buckets are added in
// key order, compared in JS (code points) because the engines' text
// collations differ, so every figure is the same on every read and on both engines.
const bucketKey = {
  perspective: aggregateBuckets.perspective,
  versionId: aggregateBuckets.versionId,
  segment: aggregateBuckets.segment,
  day: aggregateBuckets.day,
};
type BucketKey = { perspective: string; versionId: string; segment: string; day: number };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function inKeyOrder<T extends BucketKey>(rows: T[]): T[] {
  return rows.sort(
    (a, b) => cmp(a.perspective, b.perspective) || cmp(a.versionId, b.versionId) || cmp(a.segment, b.segment) || Number(a.day) - Number(b.day),
  );
}

async function packEntries(tx: Tx, studyId: string, entries: readonly AggregateEntry[]): Promise<PackedSums> {
  const numbers = await numbersOfKeys(
    tx,
    studyId,
    entries.map((e) => e.key),
  );
  const sums: PackedSums = new Map();
  addSums(sums, new Map(entries.map((e) => [numbers.get(e.key)!, { n: e.n, sum: e.sum, sumSq: e.sumSq }])));
  return sums;
}

// The submit path reads and writes one bucket per response: both statements kept (db/client.ts kept()).
const bucketPlaceholders = and(
  eq(aggregateBuckets.studyId, sql.placeholder("studyId")),
  eq(aggregateBuckets.perspective, sql.placeholder("perspective")),
  eq(aggregateBuckets.versionId, sql.placeholder("versionId")),
  eq(aggregateBuckets.segment, sql.placeholder("segment")),
  eq(aggregateBuckets.day, sql.placeholder("day")),
);
const bucketForUpdate = kept((db) =>
  builderForUpdate(db.select({ sums: aggregateBuckets.sums }).from(aggregateBuckets).where(bucketPlaceholders)).prepare(
    "aggregate_bucket_for_update",
  ),
);
const bucketUpdate = kept((db) =>
  (db as Tx)
    .update(aggregateBuckets)
    // A placeholder where the builder's types expect a value: filled with the encoded Buffer.
    .set({ sums: sql.placeholder("sums") as unknown as Buffer })
    .where(bucketPlaceholders)
    .prepare("aggregate_bucket_update"),
);

/**
 * Adds `sums` to one bucket. The row is read with FOR UPDATE (PostgreSQL), so
 * concurrent submits to one bucket add one after another; a bucket that does
 * not exist yet is inserted with ON CONFLICT DO NOTHING and, when a
 * concurrent transaction inserted it first, read again under the lock.
 */
async function addToBucket(tx: Tx, bucket: Bucket, sums: PackedSums) {
  const key = { studyId: bucket.studyId, perspective: bucket.perspective, versionId: bucket.versionId, segment: bucket.segment, day: bucket.day };
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await bucketForUpdate(tx).execute(key);
    if (row) {
      await bucketUpdate(tx).execute({ ...key, sums: encodeSums(addSums(decodeSums(row.sums), sums)) });
      return;
    }
    const inserted = await tx
      .insert(aggregateBuckets)
      .values({ ...bucket, sums: encodeSums(sums) })
      .onConflictDoNothing()
      .returning({ day: aggregateBuckets.day });
    if (inserted.length === 1) return;
  }
  throw new Error("aggregate bucket vanished while adding to it");
}

export async function addCustomerEntries(tx: Tx, bucket: CustomerBucket, entries: readonly AggregateEntry[]) {
  await addToBucket(tx, { ...bucket, perspective: customer }, await packEntries(tx, bucket.studyId, entries));
}

export async function addPerspectiveEntries(tx: Tx, bucket: PerspectiveBucket, entries: readonly AggregateEntry[]) {
  await addToBucket(tx, { ...bucket, segment: "", day: 0 }, await packEntries(tx, bucket.studyId, entries));
}

type CustomerKey = { versionId: string; segment: string; day: number };
const keyString = (k: CustomerKey) => JSON.stringify([k.versionId, k.segment, Number(k.day)]);

/** A bucket row's primary key: the conflict target of its upserts. */
const bucketPrimaryKey = [
  aggregateBuckets.studyId,
  aggregateBuckets.perspective,
  aggregateBuckets.versionId,
  aggregateBuckets.segment,
  aggregateBuckets.day,
];

// PostgreSQL: a group's buckets as arrays, unnested, so the statements' text
// is the same for any number of buckets and they are kept (parsed and
// planned once per connection), as the responses' insert is.
const bucketsForUpdate = kept((db) =>
  db
    .select({
      version_id: aggregateBuckets.versionId,
      segment: aggregateBuckets.segment,
      day: aggregateBuckets.day,
      sums: aggregateBuckets.sums,
    })
    .from(aggregateBuckets)
    .where(
      and(
        eq(aggregateBuckets.studyId, sql.placeholder("studyId")),
        eq(aggregateBuckets.perspective, customer),
        sql`(${aggregateBuckets.versionId}, ${aggregateBuckets.segment}, ${aggregateBuckets.day}) IN
          (SELECT * FROM unnest(${sql.placeholder("versionIds")}::text[], ${sql.placeholder("segments")}::text[], ${sql.placeholder("days")}::int4[]))`,
      ),
    )
    .orderBy(inCodePointOrder(sql`${aggregateBuckets.versionId}`), inCodePointOrder(sql`${aggregateBuckets.segment}`), aggregateBuckets.day)
    .for("update")
    .prepare("customer_buckets_for_update"),
);
const bucketsWriteBack = kept((db) =>
  (db as Tx)
    .insert(aggregateBuckets)
    .select(
      sql`SELECT ${sql.placeholder("studyId")}::text, ${customer}::text, b.version_id, b.segment, b.day, b.sums
        FROM unnest(${sql.placeholder("versionIds")}::text[], ${sql.placeholder("segments")}::text[], ${sql.placeholder("days")}::int4[], ${sql.placeholder("sums")}::bytea[])
          AS b(version_id, segment, day, sums)`,
    )
    .onConflictDoUpdate({
      target: bucketPrimaryKey,
      set: { sums: sql`excluded.sums` },
    })
    .prepare("customer_buckets_write_back"),
);

/**
 * The study's customer buckets among `keys` that exist, locked until the
 * transaction ends (PostgreSQL), in one statement. PostgreSQL sorts the rows
 * and then locks them in that order: (version, segment, day), the order
 * lib/results/customer-buckets.ts writes its slices in, so two such writes
 * take their locks in one order and cannot deadlock each other.
 */
async function lockCustomerBuckets(tx: Tx, studyId: string, keys: readonly CustomerKey[]): Promise<Map<string, Uint8Array>> {
  const rows =
    currentEngine() === "postgres"
      ? await bucketsForUpdate(tx).execute({
          studyId,
          versionIds: keys.map((k) => k.versionId),
          segments: keys.map((k) => k.segment),
          days: keys.map((k) => k.day),
        })
      : await rawAll<{ version_id: string; segment: string; day: number | string; sums: Uint8Array }>(
          tx,
          sql`SELECT version_id, segment, day, sums FROM aggregate_buckets
              WHERE study_id = ${studyId} AND perspective = ${customer} AND (version_id, segment, day) IN (${sql.join(
                keys.map((k) => sql`(${k.versionId}, ${k.segment}, ${k.day})`),
                sql`, `,
              )})
              ORDER BY ${inCodePointOrder(sql`version_id`)}, ${inCodePointOrder(sql`segment`)}, day${lockClause()}`,
        );
  return new Map(rows.map((r) => [keyString({ versionId: r.version_id, segment: r.segment, day: Number(r.day) }), r.sums]));
}

/** Writes back buckets read under lock (no one else adds between): one upsert. */
async function writeBackCustomerBuckets(tx: Tx, studyId: string, rows: readonly { bucket: CustomerBucket; sums: Buffer }[]) {
  if (currentEngine() === "postgres") {
    await bucketsWriteBack(tx).execute({
      studyId,
      versionIds: rows.map((r) => r.bucket.versionId),
      segments: rows.map((r) => r.bucket.segment),
      days: rows.map((r) => r.bucket.day),
      sums: rows.map((r) => r.sums),
    });
    return;
  }
  await tx
    .insert(aggregateBuckets)
    .values(rows.map((r) => ({ ...r.bucket, perspective: customer, sums: r.sums })))
    .onConflictDoUpdate({
      target: bucketPrimaryKey,
      set: { sums: sql`excluded.sums` },
    });
}

/**
 * Adds many customer buckets' entries at once (a group of submits, an
 * import's slice, a recompute) in three statements whatever their number:
 * the existing rows read under lock in one, written back in one upsert (they
 * are locked: no one else adds between), the new ones inserted in one. A new
 * bucket a concurrent transaction inserted first is then added to alone.
 */
export async function addCustomerBuckets(
  tx: Tx,
  studyId: string,
  buckets: readonly { bucket: CustomerBucket; entries: readonly AggregateEntry[] }[],
) {
  for (const { bucket } of buckets) if (bucket.studyId !== studyId) throw new Error("addCustomerBuckets: a bucket of another study");
  if (buckets.length === 0) return;
  if (buckets.length === 1) return addCustomerEntries(tx, buckets[0].bucket, buckets[0].entries);
  const adding = new Map<string, { bucket: CustomerBucket; sums: PackedSums }>();
  for (const { bucket, entries } of buckets) {
    const packed = await packEntries(tx, studyId, entries);
    const had = adding.get(keyString(bucket));
    if (had) addSums(had.sums, packed);
    else adding.set(keyString(bucket), { bucket, sums: packed });
  }
  const existing = await lockCustomerBuckets(
    tx,
    studyId,
    [...adding.values()].map((a) => a.bucket),
  );
  const row = (bucket: CustomerBucket, sums: PackedSums) => ({ ...bucket, perspective: customer, sums: encodeSums(sums) });
  const updated = [...existing].map(([key, sums]) => {
    const { bucket, sums: added } = adding.get(key)!;
    return { bucket, sums: encodeSums(addSums(decodeSums(sums), added)) };
  });
  if (updated.length > 0) await writeBackCustomerBuckets(tx, studyId, updated);
  const fresh = [...adding].filter(([key]) => !existing.has(key)).map(([, a]) => a);
  if (fresh.length === 0) return;
  const inserted = await tx
    .insert(aggregateBuckets)
    .values(fresh.map((a) => row(a.bucket, a.sums)))
    .onConflictDoNothing()
    .returning({ versionId: aggregateBuckets.versionId, segment: aggregateBuckets.segment, day: aggregateBuckets.day });
  const went = new Set(inserted.map(keyString));
  for (const a of fresh) if (!went.has(keyString(a.bucket))) await addToBucket(tx, { ...a.bucket, perspective: customer }, a.sums);
}

export type CustomerFilter = {
  studyId: string;
  versionIds?: string[];
  fromDay?: number;
  toDay?: number;
  segment?: string;
};

const customerWhere = (filter: CustomerFilter): SQL =>
  and(
    eq(aggregateBuckets.studyId, filter.studyId),
    eq(aggregateBuckets.perspective, customer),
    filter.versionIds && filter.versionIds.length > 0 ? inArray(aggregateBuckets.versionId, filter.versionIds) : undefined,
    filter.fromDay !== undefined ? gte(aggregateBuckets.day, filter.fromDay) : undefined,
    filter.toDay !== undefined ? lte(aggregateBuckets.day, filter.toDay) : undefined,
    filter.segment !== undefined ? eq(aggregateBuckets.segment, filter.segment) : undefined,
  )!;

async function entriesOf(db: Reader, studyId: string, sums: PackedSums, keys?: ReadonlySet<string>): Promise<AggregateEntry[]> {
  const names = await keysOfNumbers(db, studyId, sums.keys());
  const out: AggregateEntry[] = [];
  for (const [number, m] of sums) {
    const key = names.get(number)!;
    if (!keys || keys.has(key)) out.push({ key, ...m });
  }
  return out;
}

/** The filter's buckets summed per key, whatever the number of responses. */
export async function sumCustomerEntries(db: Reader, filter: CustomerFilter): Promise<AggregateEntry[]> {
  const rows = inKeyOrder(
    await db
      .select({ ...bucketKey, sums: aggregateBuckets.sums })
      .from(aggregateBuckets)
      .where(customerWhere(filter)),
  );
  const total: PackedSums = new Map();
  for (const r of rows) addSums(total, decodeSums(r.sums));
  return entriesOf(db, filter.studyId, total);
}

/** Per day, the sums of the given keys (responses per day, gaps per criterion per day) for the trend chart. */
export async function dailyCustomerEntries(db: Reader, filter: CustomerFilter, keys: string[]): Promise<({ day: number } & AggregateEntry)[]> {
  const rows = inKeyOrder(
    await db
      .select({ ...bucketKey, sums: aggregateBuckets.sums })
      .from(aggregateBuckets)
      .where(customerWhere(filter)),
  ).sort((a, b) => Number(a.day) - Number(b.day));
  const byDay = new Map<number, PackedSums>();
  for (const r of rows) {
    const day = Number(r.day);
    byDay.set(day, addSums(byDay.get(day) ?? new Map(), decodeSums(r.sums)));
  }
  const wanted = new Set(keys);
  const out: ({ day: number } & AggregateEntry)[] = [];
  for (const [day, sums] of byDay) for (const e of await entriesOf(db, filter.studyId, sums, wanted)) out.push({ day, ...e });
  return out;
}

/** The internal perspectives' sums per perspective (all versions, or the given ones). */
export async function sumPerspectiveEntries(
  db: Reader,
  studyId: string,
  versionIds?: string[],
): Promise<({ perspective: string } & AggregateEntry)[]> {
  const rows = inKeyOrder(
    await db
      .select({ ...bucketKey, sums: aggregateBuckets.sums })
      .from(aggregateBuckets)
      .where(
        and(
          eq(aggregateBuckets.studyId, studyId),
          inArray(aggregateBuckets.perspective, [...perspectives]),
          versionIds && versionIds.length > 0 ? inArray(aggregateBuckets.versionId, versionIds) : undefined,
        ),
      ),
  );
  const byPerspective = new Map<string, PackedSums>();
  for (const r of rows) byPerspective.set(r.perspective, addSums(byPerspective.get(r.perspective) ?? new Map(), decodeSums(r.sums)));
  const out: ({ perspective: string } & AggregateEntry)[] = [];
  for (const [perspective, sums] of byPerspective) for (const e of await entriesOf(db, studyId, sums)) out.push({ perspective, ...e });
  return out;
}

/** Empties a study's customer aggregates (the recompute path); the internal perspectives' sums stay. */
export async function clearCustomerAggregates(tx: Tx, studyId: string): Promise<number> {
  const rows = await tx
    .delete(aggregateBuckets)
    .where(and(eq(aggregateBuckets.studyId, studyId), eq(aggregateBuckets.perspective, customer)))
    .returning({ day: aggregateBuckets.day });
  return rows.length;
}

/** First and last day (UTC days since the epoch) that hold customer data, for the date inputs. */
export async function customerDayRange(db: Reader, studyId: string): Promise<{ first: number; last: number } | null> {
  const [row] = await db
    .select({ first: min(aggregateBuckets.day), last: max(aggregateBuckets.day) })
    .from(aggregateBuckets)
    .where(and(eq(aggregateBuckets.studyId, studyId), eq(aggregateBuckets.perspective, customer)));
  return row && row.first !== null && row.last !== null ? { first: Number(row.first), last: Number(row.last) } : null;
}

/** Segments that hold customer responses (a bucket exists only once a response was added), for the filter controls. */
export async function segmentsWithResponses(db: Reader, studyId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ segment: aggregateBuckets.segment })
    .from(aggregateBuckets)
    .where(and(eq(aggregateBuckets.studyId, studyId), eq(aggregateBuckets.perspective, customer)))
    .orderBy(asc(aggregateBuckets.segment));
  return rows.map((r) => r.segment);
}

/** Whether a study has submitted customer responses but no customer buckets (after the 0003 upgrade). */
export async function hasCustomerBuckets(db: Reader, studyId: string): Promise<boolean> {
  const rows = await db
    .select({ day: aggregateBuckets.day })
    .from(aggregateBuckets)
    .where(and(eq(aggregateBuckets.studyId, studyId), eq(aggregateBuckets.perspective, customer)))
    .limit(1);
  return rows.length > 0;
}
