import type { Tx } from "@/db/client";
import { upsertAlertRule } from "@/db/queries/alert-rules";
import { insertCase, insertCaseNote, moveCase } from "@/db/queries/cases";
import { insertResponseContact } from "@/db/queries/response-contacts";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { dayMs } from "@/lib/scoring/aggregate-entries";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { CustomerSubmission } from "@/lib/responses/store-customer";

// The demo's closed loop: an alert rule, and cases in every state on the
// guests with the largest recent shortfalls, so the follow-up page shows
// what a team does with them (who, what, notes, due dates) instead of an
// empty list. Invented like the rest of the demo; its history neither mails
// nor fires webhooks (the responses are stored without the submit's loop).

/** The demo's alert rule: a weighted gap of 2 points or more on the 1–7 scale. */
export const demoAlertThreshold = 2;

type Stored = { responseId: string; submission: CustomerSubmission };

type DemoCase = {
  state: "open" | "contacted" | "resolved";
  /** Days from opening to the due date (negative: overdue now). */
  dueInDays: number | null;
  assigned: boolean;
  contact?: { name: string; email: string; phone: string };
  notes: string[];
};

const plan: DemoCase[] = [
  { state: "open", dueInDays: 2, assigned: true, contact: { name: "林美華", email: "meihua.lin@example.com", phone: "0912 345 678" }, notes: [] },
  {
    state: "open",
    dueInDays: -1,
    assigned: true,
    notes: ["Front desk says the room change was refused because the hotel was full; checking with reservations."],
  },
  { state: "open", dueInDays: null, assigned: false, notes: [] },
  {
    state: "contacted",
    dueInDays: 3,
    assigned: true,
    contact: { name: "Daniel Wong", email: "daniel.wong@example.com", phone: "" },
    notes: ["Called the guest: the air conditioning was reported twice and nobody came. Apologised; engineering to check room 1208."],
  },
  { state: "contacted", dueInDays: 5, assigned: true, notes: ["Emailed an apology and asked which evening the noise was; waiting for the reply."] },
  {
    state: "resolved",
    dueInDays: null,
    assigned: true,
    contact: { name: "陳志明", email: "", phone: "0933 222 111" },
    notes: [
      "Spoke to the guest: the booking was lost after a system change. Refunded the first night.",
      "Guest thanked us and booked again for next month. Closing.",
    ],
  },
];

/**
 * Sets the demo's alert rule and opens its cases on the responses of the last
 * three weeks whose weighted gap reaches the rule, largest first. Cases are
 * assigned to, and their notes written by, the member who made the demo
 * (none when it was made without one).
 */
export async function addDemoCases(tx: Tx, studyId: string, userId: string | null, stored: Stored[], now: number): Promise<number> {
  await upsertAlertRule(tx, {
    studyId,
    threshold: demoAlertThreshold,
    criterionKey: null,
    criterionThreshold: null,
    notify: userId ? [userId] : [],
    updatedAt: now,
  });
  const recent = stored
    .filter((s) => s.submission.submittedAt >= now - 21 * dayMs)
    .map((s) => {
      const version = versionDefinition(s.submission.snapshot);
      return { ...s, gap: respondentWeightedGap(version, scoreCustomerResponse(version, s.submission.answers)) };
    })
    .filter((s): s is typeof s & { gap: number } => s.gap !== null && s.gap >= demoAlertThreshold)
    .sort((a, b) => b.gap - a.gap || a.responseId.localeCompare(b.responseId));
  let opened = 0;
  for (const [i, entry] of recent.slice(0, plan.length).entries()) {
    const demo = plan[i];
    const openedAt = entry.submission.submittedAt + 2 * 60_000;
    const caseId = await insertCase(tx, {
      studyId,
      responseId: entry.responseId,
      origin: "alert",
      now: openedAt,
      assigneeId: demo.assigned ? userId : null,
      dueAt: demo.dueInDays === null ? null : now + demo.dueInDays * dayMs,
    });
    if (!caseId) continue;
    opened++;
    if (demo.contact) await insertResponseContact(tx, { responseId: entry.responseId, studyId, ...demo.contact });
    const noteTimes = demo.notes.map((_, n) => Math.min(now - 60_000, openedAt + (n + 1) * 3 * 60 * 60_000));
    if (userId) for (const [n, text] of demo.notes.entries()) await insertCaseNote(tx, { caseId, authorId: userId, text, now: noteTimes[n] });
    const movedAt = noteTimes[0] ?? openedAt + 60 * 60_000;
    if (demo.state !== "open") await moveCase(tx, studyId, caseId, "open", "contacted", movedAt);
    if (demo.state === "resolved") await moveCase(tx, studyId, caseId, "contacted", "resolved", noteTimes.at(-1) ?? movedAt);
  }
  return opened;
}
