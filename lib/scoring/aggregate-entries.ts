// Aggregates as flat rows (key, n, sum, sumSq), the shape a table of running
// sums wants: a submit upserts each row of its contribution with
// `n = n + ?, sum = sum + ?, sum_sq = sum_sq + ?`, a read selects the rows of
// the matching buckets, sums them per key and rebuilds the aggregate. Keys
// are JSON tuples so that no id character can make two keys collide.

import { addMoments, emptyMoments } from "./statistics";
import {
  emptyAggregate,
  emptyPerspectiveAggregate,
  type AlphaPair,
  type CustomerAggregate,
  type CustomerCriterionAggregate,
  type PerspectiveAggregate,
} from "./aggregates";
import type { AlphaMoments, Moments, PairMoments } from "./types";

export type AggregateEntry = { key: string } & Moments;

export const dayMs = 24 * 60 * 60 * 1000;
/** A response's day bucket: whole UTC days since the epoch of its submission time. */
export const dayOf = (timestamp: number) => Math.floor(timestamp / dayMs);

const sides = ["expected", "perceived", "gap"] as const;
const alphaSides = ["expected", "perceived"] as const;

const entry = (tuple: string[], m: Moments): AggregateEntry => ({ key: keyOf(tuple), n: m.n, sum: m.sum, sumSq: m.sumSq });

// A submit turns ~170 tuples into keys, the same ones for every response to a
// version. Each key string is made once and handed out again: no JSON text
// rebuilt per response, and a string that is reused keeps its hash, so the
// maps that look keys up (db/aggregate-keys.ts) need not hash them anew.
// Bounded: past `keptKeysLimit` keys it starts afresh.
type KeyNode = { key?: string; next?: Map<string, KeyNode> };
const keptKeysLimit = 100_000;
let keptKeys: KeyNode = {};
let keptKeyCount = 0;

function keyOf(tuple: string[]): string {
  let node = keptKeys;
  for (const part of tuple) {
    const next = (node.next ??= new Map());
    let child = next.get(part);
    if (!child) next.set(part, (child = {}));
    node = child;
  }
  if (node.key === undefined) {
    if (keptKeyCount >= keptKeysLimit) {
      keptKeys = {};
      keptKeyCount = 0;
    }
    keptKeyCount++;
    node.key = JSON.stringify(tuple);
  }
  return node.key;
}

/** The number of responses rides in `n` of the ["responses"] row. */
const responsesEntry = (n: number): AggregateEntry => entry(["responses"], { n, sum: 0, sumSq: 0 });

export function customerAggregateEntries(agg: CustomerAggregate): AggregateEntry[] {
  const out = [responsesEntry(agg.responses)];
  for (const [id, pair] of Object.entries(agg.items)) {
    for (const s of sides) out.push(entry(["item", id, s], pair[s]));
  }
  for (const [id, c] of Object.entries(agg.criteria)) {
    for (const s of sides) out.push(entry(["criterion", id, s], c.scores[s]));
    out.push(entry(["weight", id], c.customerWeight));
    for (const [set, alpha] of Object.entries(c.alpha)) {
      for (const s of alphaSides) {
        out.push(entry(["alpha", id, set, s, "total"], alpha[s].total));
        alpha[s].itemIds.forEach((itemId, i) => out.push(entry(["alpha", id, set, s, "item", itemId], alpha[s].items[i])));
      }
    }
  }
  return out;
}

/** Sums rows with equal keys (several buckets) into one row per key. */
export function sumEntries(entries: AggregateEntry[]): AggregateEntry[] {
  const byKey = new Map<string, Moments>();
  for (const e of entries) byKey.set(e.key, addMoments(byKey.get(e.key) ?? emptyMoments(), e));
  return [...byKey].map(([key, m]) => ({ key, ...m }));
}

function parseKey(key: string): string[] {
  const parsed: unknown = JSON.parse(key);
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string")) {
    throw new Error(`malformed aggregate key: ${key}`);
  }
  return parsed;
}

const momentsOfEntry = (e: AggregateEntry): Moments => ({ n: e.n, sum: e.sum, sumSq: e.sumSq });

function emptyAlpha(set: string): AlphaMoments {
  const itemIds = parseKey(set);
  return { itemIds, items: itemIds.map(() => emptyMoments()), total: emptyMoments() };
}

export function customerAggregateFromEntries(entries: AggregateEntry[]): CustomerAggregate {
  const agg = emptyAggregate();
  const criterion = (id: string): CustomerCriterionAggregate =>
    (agg.criteria[id] ??= {
      scores: { expected: emptyMoments(), perceived: emptyMoments(), gap: emptyMoments() },
      alpha: {},
      customerWeight: emptyMoments(),
    });
  for (const e of sumEntries(entries)) {
    const [kind, id, a, b, c, itemId] = parseKey(e.key);
    const m = momentsOfEntry(e);
    if (kind === "responses") agg.responses = e.n;
    else if (kind === "item" && isSide(a)) {
      const pair: PairMoments = (agg.items[id] ??= { expected: emptyMoments(), perceived: emptyMoments(), gap: emptyMoments() });
      pair[a] = m;
    } else if (kind === "criterion" && isSide(a)) criterion(id).scores[a] = m;
    else if (kind === "weight") criterion(id).customerWeight = m;
    else if (kind === "alpha" && (b === "expected" || b === "perceived")) {
      const alpha: AlphaPair = (criterion(id).alpha[a] ??= { expected: emptyAlpha(a), perceived: emptyAlpha(a) });
      if (c === "total") alpha[b].total = m;
      else {
        const i = alpha[b].itemIds.indexOf(itemId);
        if (i < 0) throw new Error(`alpha item ${itemId} not in set ${a}`);
        alpha[b].items[i] = m;
      }
    } else throw new Error(`unknown aggregate key: ${e.key}`);
  }
  return agg;
}

const isSide = (s: string): s is (typeof sides)[number] => (sides as readonly string[]).includes(s);

export function perspectiveAggregateEntries(agg: PerspectiveAggregate): AggregateEntry[] {
  const out = [responsesEntry(agg.responses)];
  for (const [id, m] of Object.entries(agg.items)) out.push(entry(["item", id], m));
  for (const [id, m] of Object.entries(agg.criteria)) out.push(entry(["criterion", id], m));
  for (const [key, m] of Object.entries(agg.causes)) out.push(entry(["cause", key], m));
  return out;
}

export function perspectiveAggregateFromEntries(entries: AggregateEntry[]): PerspectiveAggregate {
  const agg = emptyPerspectiveAggregate();
  for (const e of sumEntries(entries)) {
    const [kind, id] = parseKey(e.key);
    const m = momentsOfEntry(e);
    if (kind === "responses") agg.responses = e.n;
    else if (kind === "item") agg.items[id] = m;
    else if (kind === "criterion") agg.criteria[id] = m;
    else if (kind === "cause") agg.causes[id] = m;
    else throw new Error(`unknown aggregate key: ${e.key}`);
  }
  return agg;
}
