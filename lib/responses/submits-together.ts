import type { LoopCache } from "@/lib/follow-up/on-submit";
import { storeCustomerResponses, type CustomerSubmission, type StoreOutcome } from "./store-customer";

// Group commit for the API's small requests. Each one-response submit in a
// transaction of its own paid for a whole commit (on PostgreSQL a disk flush
// and five round trips, on SQLite a write to the log) and for reading and
// writing its aggregate bucket; with many clients at once, those were most of
// the submit's cost, and submits into one bucket waited for each other's row
// lock anyway. So a request that arrives while this process is storing
// others (or in the same turn of the event loop as the first) waits for
// that transaction to end, and then everything that waited is stored in one
// transaction, its aggregates summed per bucket (storeCustomerResponses, as
// for one large batch). Nothing is answered before its commit. If that
// transaction fails, each request is stored again alone, so one request's
// failure is never another's.

type Waiting = {
  submissions: CustomerSubmission[];
  loop: LoopCache | undefined;
  resolve: (outcomes: StoreOutcome[]) => void;
  reject: (error: unknown) => void;
};

/** Requests with more responses than this are stored on their own (a large batch is its own group already). */
const smallRequest = 20;
/** Responses one shared transaction takes at most (the rest wait for the next). */
const groupLimit = 250;

const waiting: Waiting[] = [];
let storing = false;

/**
 * Stores one request's responses (all or nothing, like storeCustomerResponses),
 * in one transaction with other requests that arrive meanwhile.
 */
export function storeCustomerResponsesTogether(submissions: CustomerSubmission[], loop?: LoopCache): Promise<StoreOutcome[]> {
  if (submissions.length > smallRequest) return storeCustomerResponses(submissions, loop);
  return new Promise((resolve, reject) => {
    waiting.push({ submissions, loop, resolve, reject });
    if (storing) return;
    storing = true;
    // The first group is taken one turn of the event loop later, so requests
    // whose bodies arrived in the same turn join it. On SQLite a transaction
    // never waits for anything, so without this turn no request would ever
    // arrive "meanwhile" and every group would be one request.
    setImmediate(() => void storeWhatWaits());
  });
}

async function storeWhatWaits(): Promise<void> {
  try {
    while (waiting.length > 0) {
      const group = takeGroup();
      if (group.length === 1) {
        await storeAlone(group[0]);
        continue;
      }
      let outcomes: StoreOutcome[];
      try {
        outcomes = await storeCustomerResponses(
          group.flatMap((w) => w.submissions),
          new Map(group.flatMap((w) => [...(w.loop ?? [])])),
        );
      } catch {
        for (const w of group) await storeAlone(w);
        continue;
      }
      let at = 0;
      for (const w of group) {
        w.resolve(outcomes.slice(at, at + w.submissions.length));
        at += w.submissions.length;
      }
    }
  } finally {
    storing = false;
  }
}

/** The oldest waiting requests, up to groupLimit responses (always at least one request). */
function takeGroup(): Waiting[] {
  let count = waiting[0].submissions.length;
  let n = 1;
  while (n < waiting.length && count + waiting[n].submissions.length <= groupLimit) count += waiting[n++].submissions.length;
  return waiting.splice(0, n);
}

async function storeAlone(w: Waiting): Promise<void> {
  try {
    w.resolve(await storeCustomerResponses(w.submissions, w.loop));
  } catch (error) {
    w.reject(error);
  }
}
