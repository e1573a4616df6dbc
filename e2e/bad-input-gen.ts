import type { VersionSnapshot } from "@/db/schema";
import { mulberry32 } from "@/lib/questions/prng";
import { surveySteps } from "@/lib/survey/steps";
import { headerSafe, type ServerAction } from "./forge-helpers";

// The generator of e2e/bad-input.spec.ts (families of cases in
// bad-input-api.ts, bad-input-survey.ts and bad-input-other.ts, assembled in
// bad-input-cases.ts): seeded, so a run is repeatable (BAD_INPUT_SEED), and
// every case is built to be refused — each carries at least one defect that
// no valid request has — so the database must not change. Harmless requests
// (a GET of a page with an odd query, a honeypot post thanked and dropped, a
// language switch) may answer 2xx/3xx; `allowed` says per case.

export type BadCase = {
  family: string;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Statuses that are a correct answer to this request. */
  allowed: number[];
  /** For a 3xx: where it may lead (a same-origin path matching this). */
  location?: RegExp;
};

export type Fixture = {
  marker: string;
  studyA: { id: string; token: string; versionId: string; snapshot: VersionSnapshot; segments: string[] };
  studyB: { id: string; token: string; versionId: string; snapshot: VersionSnapshot };
  draftA: string;
  inviteA: string;
  usedInviteA: string;
  revokedLinkA: string;
  internalA: Record<"management" | "standard" | "delivery" | "communication", string>;
  revokedInternalA: string;
  /** In-progress responses on A's public link: at step 2, and at the last step. */
  midA: string;
  lastA: string;
  /** A submitted response on A's public link, and an in-progress one of B. */
  submittedA: string;
  inProgressB: string;
  keys: { managers: string[]; analyst: string; otherWorkspace: string; revoked: string };
  sessions: { dead: string; expired: string };
  actions: ServerAction[];
};

const scriptTag = '<script>alert("bi")</script>';
/** Injection strings for every text field. None contains what the leak check looks for. */
export const injections = [
  "' OR '1'='1",
  "1; DROP TABLE responses;--",
  '" UNION SELECT password_hash FROM users --',
  "%' AND 1=1 --",
  scriptTag,
  '"><img src=x onerror=alert("bi")>',
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "abc\u0000def",
  "\u0000",
  "\u202Egnp.exe\u202C",
  "\u200B\u200D\uFEFF\u2060",
  "Z\u0351\u0308\u0324a\u0308\u0356l\u036Eg\u0317o\u0319",
  "\uD800 lone surrogate",
  "😀".repeat(40),
  "\r\nSet-Cookie: pwned=1",
  "%s%s%s%n%x",
  "__proto__",
  "ﷺ𝕏𒐫",
];
/** Strings that must never come back unescaped in an HTML page. */
export const reflectedMarkup = [scriptTag, '<img src=x onerror=alert("bi")>', "<svg/onload=alert(1)>"];

export const perspectives = ["management", "standard", "delivery", "communication"] as const;

export type Gen = ReturnType<typeof makeGen>;

/** The seeded random helpers and the fixture, shared by every family of cases. */
export function makeGen(seed: number, f: Fixture) {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const inject = () => pick(injections);
  const huge = (n = 100_000) => pick(["x", "é", "字", "😀", "<"]).repeat(n);
  // Survey and sign-in limits count per address: spread the flood over TEST-NET-3
  // so it exercises validation, and never touches the counters of 127.0.0.1
  // that the other spec files share.
  const address = () => `203.0.113.${int(1, 254)}`;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => "0123456789abcdef"[int(0, 15)]).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const A = f.studyA;
  const stepsA = surveySteps(A.snapshot);
  const criterionStepsA = stepsA.filter((s) => s.kind === "criterion");
  const lastA = stepsA.length - 1;
  const itemsA = A.snapshot.criteria.flatMap((c) => c.items);
  const itemsB = f.studyB.snapshot.criteria.flatMap((c) => c.items);
  const cookies = () =>
    pick([
      "",
      `gm_resume=${headerSafe(inject())}`,
      `gm_resume=${f.midA}.${"A".repeat(32)}`,
      `gm_lang=${headerSafe(inject())}`,
      `session=${headerSafe(inject())}`,
      `session=${f.sessions.dead}`,
      `session=${f.sessions.expired}`,
      `session=${"x".repeat(3000)}`,
      `i_${"0".repeat(32)}=${headerSafe(inject())}`,
    ]);
  const base = (extra: Record<string, string> = {}): Record<string, string> => {
    const h: Record<string, string> = { "x-forwarded-for": address(), ...extra };
    const cookie = cookies();
    if (cookie) h.cookie = cookie;
    return h;
  };

  return { f, random, pick, chance, int, inject, huge, address, uuid, base, A, stepsA, criterionStepsA, lastA, itemsA, itemsB };
}
