import http from "node:http";
import https from "node:https";
import net from "node:net";
import { transaction } from "@/db/client";
import { claimDueDeliveries, recordDelivery, releaseDeliveries, type ClaimedDelivery, type DeliveryOutcome } from "@/db/queries/webhooks";
import { env } from "@/lib/env";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { classifyAddress, guardedLookup, hostOf } from "./address";
import { signatureHeader, signatureValue } from "./sign";

// The deliverer: sends the webhook outbox (table webhook_deliveries) in every
// process that runs the worker, beside the mailer. Each pass claims a few due
// deliveries (a claim is a lease: a delivery whose sender died goes again
// when it runs out; on PostgreSQL several instances claim side by side with
// SKIP LOCKED), POSTs each stored body signed with its webhook's secret, and
// records the outcome of each attempt: a 2xx answer delivers it; anything
// else (another status, a redirect — never followed —, no answer within
// 10 s, an address that is not public) waits and goes again with growing
// delays, for more than a day, and then has failed.

/** Delays before the 2nd, 3rd… attempt (the first retry within a minute); after the last, the delivery has failed. Together: 28 hours. */
export const retryDelaysMs = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  6 * 60 * 60_000,
  6 * 60 * 60_000,
  6 * 60 * 60_000,
];
/** Attempts in all. */
export const maxAttempts = retryDelaysMs.length + 1;

/** The wait after the `attempts`-th attempt failed, or null when that was the last. */
export function retryDelayAfter(attempts: number): number | null {
  return retryDelaysMs[attempts - 1] ?? null;
}

export const deliveryTimeoutMs = 10_000;
const leaseMs = 2 * 60_000;
const claimSize = 20;
const idleMs = 1_000;
/** A receiver's answer is read up to this size, then the connection is dropped. */
const maxAnswerBytes = 64 * 1024;

/**
 * Why an attempt failed, as a short code (the UI translates the known ones):
 * "http" (a status other than 2xx; the status is kept beside it),
 * "redirect", "timeout", "private-address", "unresolved",
 * "connection-refused", "connection-reset", "tls", or "network: <message>".
 */
export type AttemptResult = { ok: boolean; status: number | null; error: string | null };

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { name?: string };
  const code = e?.code ?? "";
  if (e?.name === "TimeoutError" || e?.name === "AbortError" || code === "ABORT_ERR" || code === "ETIMEDOUT") return "timeout";
  if (code === "EPRIVATE") return "private-address";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") return "unresolved";
  if (code === "ECONNREFUSED") return "connection-refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") return "connection-reset";
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return "tls";
  return `network: ${(e?.message ?? String(error)).slice(0, 200)}`;
}

export type PostOptions = { allowPrivate: boolean; timeoutMs?: number; now?: number };

/**
 * One attempt: POSTs `body` to `url`, signed, and says how it went. The
 * connection goes only to an address checked to be public (unless
 * allowPrivate): a literal one here, a name's in the request's lookup.
 */
export function postDelivery(url: string, body: string, secret: string, deliveryId: string, options: PostOptions): Promise<AttemptResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: "network: not a URL" });
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return Promise.resolve({ ok: false, status: null, error: "network: not http(s)" });
  const host = hostOf(target);
  if (!options.allowPrivate && net.isIP(host) && classifyAddress(host) !== null) {
    return Promise.resolve({ ok: false, status: null, error: "private-address" });
  }
  const timestamp = Math.floor((options.now ?? Date.now()) / 1000);
  const payload = Buffer.from(body, "utf8");
  const client = target.protocol === "https:" ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const request = client.request(
      target,
      {
        method: "POST",
        agent: false,
        lookup: guardedLookup(options.allowPrivate) as unknown as net.LookupFunction,
        signal: AbortSignal.timeout(options.timeoutMs ?? deliveryTimeoutMs),
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(payload.length),
          "User-Agent": "Gapwise-Webhooks/1",
          [signatureHeader]: signatureValue(secret, timestamp, body),
          "Gapwise-Delivery": deliveryId,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const result: AttemptResult =
          status >= 200 && status < 300
            ? { ok: true, status, error: null }
            : { ok: false, status, error: status >= 300 && status < 400 ? "redirect" : "http" };
        // The answer itself is not needed: read a little of it (so the
        // receiver's write completes), and drop the connection after that.
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > maxAnswerBytes) {
            response.destroy();
            settle(result);
          }
        });
        response.on("end", () => settle(result));
        response.on("close", () => settle(result));
        response.on("error", () => settle(result));
      },
    );
    request.on("error", (error) => settle({ ok: false, status: null, error: describeError(error) }));
    request.end(payload);
  });
}

export type DelivererOptions = {
  allowPrivate: boolean;
  log: (line: string) => void;
  /** Deliveries in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
};

/** What an attempt's result makes of a delivery that has now had `attempts` attempts. */
export function outcomeOf(result: AttemptResult, attempts: number, now: number): DeliveryOutcome {
  if (result.ok) return { state: "delivered", status: result.status!, at: now };
  const error = result.error ?? "http";
  const delay = retryDelayAfter(attempts);
  if (delay === null) return { state: "failed", status: result.status, error, at: now };
  return { state: "queued", status: result.status, error, sendAfter: now + delay };
}

/**
 * One pass: claims due deliveries, sends them (a few at a time) and records
 * each attempt as it ends. Returns how many it tried; 0 when none was due.
 * Deliveries not yet started when the deliverer stops are handed back.
 */
export async function deliverDue(options: DelivererOptions, stopped: () => boolean = () => false): Promise<number> {
  const now = Date.now();
  const claimed = await transaction((tx) => claimDueDeliveries(tx, now, leaseMs, claimSize));
  if (claimed.length === 0) return 0;
  const lease = now + leaseMs;
  const queue = [...claimed];
  let tried = 0;
  const send = async (delivery: ClaimedDelivery) => {
    const result = await postDelivery(delivery.url, delivery.body, delivery.secret, delivery.id, {
      allowPrivate: options.allowPrivate,
      timeoutMs: options.timeoutMs,
    });
    const outcome = outcomeOf(result, delivery.attempts, Date.now());
    if (outcome.state === "failed")
      options.log(`webhook delivery ${delivery.id} to ${delivery.url} failed after ${delivery.attempts} attempts: ${outcome.error}`);
    await transaction((tx) => recordDelivery(tx, delivery.id, lease, outcome));
    tried++;
  };
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let delivery = queue.shift(); delivery && !stopped(); delivery = queue.shift()) await send(delivery);
  });
  await Promise.all(lanes);
  if (queue.length > 0)
    await transaction((tx) =>
      releaseDeliveries(
        tx,
        queue.map((delivery) => delivery.id),
      ),
    );
  return tried;
}

export type Deliverer = PollingLoop;

const local = new Set<Deliverer>();

/** Nudges this process's deliverers (deliveries were just queued here) instead of waiting for their next poll. */
export function wakeDeliverers(): void {
  for (const deliverer of local) deliverer.wake();
}

/** Starts the deliverer loop in this process. */
export function startDeliverer(overrides: Partial<DelivererOptions> = {}): Deliverer {
  const options: DelivererOptions = {
    allowPrivate: overrides.allowPrivate ?? env.WEBHOOK_ALLOW_PRIVATE,
    log: overrides.log ?? console.error,
    concurrency: overrides.concurrency,
    timeoutMs: overrides.timeoutMs,
  };
  return startPollingLoop({ name: "webhook deliverer", idleMs, log: options.log, work: (stopped) => deliverDue(options, stopped), running: local });
}
