import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { listBranchLinks } from "@/db/queries/links";
import { loadDraft } from "@/db/queries/studies";
import { cases } from "@/db/schema";
import type { SessionPrincipal, World } from "./access-table-helpers";

// The server actions of e2e/access-table.spec.ts: for each, the page it is
// posted to, how it is called (bound arguments as the page's form carries
// them), the fields of a write that would succeed, and who may make it. The
// fields are computed right before each call (the draft changes as the
// allowed calls go through). Rows run in this order.

export type ActionRow = {
  name: string;
  page: (w: World) => string;
  /** Bound arguments (useActionState's previous state, `.bind(null, studyId)`); none for a plain form action. */
  bound?: (w: World) => unknown[];
  fields: (w: World, n: number) => [string, string][] | Promise<[string, string][]>;
  /** Who may: "public" (sign-in, set-up, sign-out), "read" (every member), "write" (owner, manager) or "admin" (owner). */
  access: "public" | "read" | "write" | "admin";
  /** An allowed call changes workspace A (checked on the first allowed one), unless "none". */
  effect?: "none";
  /** Absent from some builds (another feature's): the row is skipped when the build has no such action. */
  optional?: boolean;
};

const state = [{}];
/** The draft's live criteria in order, with how many live items each has. */
const criteriaOf = async (studyId: string) => (await loadDraft(getDb(), studyId)).map((c) => ({ id: c.id, items: c.items.length }));
/** The draft's live items, criterion by criterion. */
const itemsOf = async (studyId: string) => (await loadDraft(getDb(), studyId)).flatMap((c) => c.items);
/** The id of the response's follow-up case ("none" before the openCase row made it). */
const caseOfResponse = async (responseId: string) =>
  (await getDb().select({ id: cases.id }).from(cases).where(eq(cases.responseId, responseId)))[0]?.id ?? "none";
const design = (w: World) => `/studies/${w.draftId}/design`;
const distribute = (w: World) => `/studies/${w.publishable.studyId}/distribute`;
const settingsFields = (w: World, n: number): [string, string][] => [
  ["studyId", w.settingsStudyId],
  ["name", `Renamed ${w.tag} ${n}`],
  ["provider", "Harbour"],
  ["industry", "generic"],
  ["languages", "en"],
  ["scale", "7"],
  ["segments", ""],
];

export const actionTable: ActionRow[] = [
  // ── Sign-in, set-up, sign-out: anyone may call them; none changes a workspace ──
  {
    name: "signIn",
    page: () => "/sign-in",
    bound: () => state,
    access: "public",
    fields: (w) => [
      ["email", `nobody-${w.tag}@example.test`],
      ["password", "not the password"],
    ],
  },
  {
    name: "setUp",
    page: () => "/setup",
    bound: () => state,
    access: "public",
    fields: (w) => [
      ["email", `setup-${w.tag}@example.test`],
      ["password", "a long enough password"],
      ["workspace", `Hijack ${w.tag}`],
    ],
  },
  { name: "signOut", page: () => "/studies", access: "public", fields: () => [] },
  // Asking for a reset link of an unknown email, and a reset with an unknown token: nobody's account changes.
  {
    name: "requestReset",
    page: () => "/forgot-password",
    bound: () => state,
    access: "public",
    fields: (w) => [["email", `nobody-${w.tag}@example.test`]],
  },
  {
    name: "resetPasswordAction",
    page: () => "/reset-password/unknown-token-0000000000",
    bound: () => state,
    access: "public",
    fields: () => [
      ["token", "unknown-token-0000000000"],
      ["password", "a long enough password"],
      ["repeat", "a long enough password"],
    ],
  },
  // Every signed-in member may change their own password; with a wrong current one nothing changes.
  {
    name: "changePasswordAction",
    page: () => "/account",
    bound: () => state,
    access: "read",
    effect: "none",
    fields: () => [
      ["current", "not the password"],
      ["password", "a new long password"],
      ["repeat", "a new long password"],
    ],
  },
  // ── Settings (owners only) ──
  {
    name: "addMember",
    page: () => "/settings",
    bound: () => state,
    access: "admin",
    fields: (w, n) => [
      ["email", `added-${w.tag}-${n}@example.test`],
      ["password", "another long password"],
      ["role", "owner"],
    ],
  },
  {
    name: "changeRole",
    page: () => "/settings",
    bound: () => state,
    access: "admin",
    fields: (w) => [
      ["userId", w.victims.roleChange.userId],
      ["role", "owner"],
    ],
  },
  { name: "removeMember", page: () => "/settings", access: "admin", fields: (w) => [["userId", w.victims.removal.userId]] },
  {
    name: "createKey",
    page: () => "/settings",
    bound: () => state,
    access: "admin",
    fields: () => [
      ["role", "manager"],
      ["name", "forged"],
    ],
  },
  { name: "revokeKey", page: () => "/settings", access: "admin", fields: (w) => [["id", w.keys.toRevoke]] },
  // A reset link for a member of A (mailed to them: the e2e server has mail).
  {
    name: "resetMemberPasswordAction",
    page: () => "/settings",
    bound: () => state,
    access: "admin",
    fields: (w) => [["userId", w.victims.roleChange.userId]],
  },
  { name: "sendTestMailAction", page: () => "/settings", bound: () => state, access: "admin", effect: "none", fields: () => [] },
  // The workspace's time zone (a different zone on each call, so every allowed one is a real write).
  {
    name: "saveTimeZone",
    page: () => "/settings",
    bound: () => state,
    access: "admin",
    fields: (_w, n) => [["timeZone", ["Asia/Taipei", "America/New_York", "Europe/Berlin"][n % 3]]],
  },
  // ── Settings → Webhooks (owners and managers): a webhook to a port nobody listens on, for an event the world never fires ──
  {
    name: "createWebhookAction",
    page: () => "/settings",
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["url", `http://127.0.0.1:9/forged-${w.tag}-${n}`],
      ["events", "response.alert"],
    ],
  },
  { name: "deleteWebhookAction", page: () => "/settings", access: "write", fields: (w) => [["id", w.webhooks.toDeleteByAction]] },
  // ── Contacts (members who may write) ──
  {
    name: "addContactAction",
    page: () => "/contacts",
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["email", `added-${w.tag.toLowerCase()}-${n}@example.test`],
      ["name", "Added"],
    ],
  },
  {
    name: "saveContactAction",
    page: (w) => `/contacts/${w.contactId}`,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["id", w.contactId],
      ["email", `editable-${w.tag.toLowerCase()}@example.test`],
      ["name", `Edited ${n}`],
    ],
  },
  { name: "deleteContactAction", page: (w) => `/contacts/${w.contactId}`, access: "write", fields: (w) => [["id", w.contactId]] },
  // ── Studies ──
  {
    name: "createStudyAction",
    page: () => "/studies/new",
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["name", `Created ${w.tag} ${n}`],
      ["provider", "Harbour"],
      ["industry", "generic"],
      ["languages", "en"],
      ["scale", "7"],
      ["segments", ""],
      ["framework", "gronroos"],
    ],
  },
  { name: "updateSettingsAction", page: (w) => `/studies/${w.settingsStudyId}/edit`, bound: () => state, access: "write", fields: settingsFields },
  {
    name: "archiveAction",
    page: (w) => `/studies/${w.settingsStudyId}`,
    access: "write",
    fields: (w) => [
      ["studyId", w.settingsStudyId],
      ["archived", "1"],
    ],
  },
  { name: "exploreDemoAction", page: () => "/studies", access: "write", fields: () => [] },
  {
    name: "removeDemoAction",
    page: () => "/studies",
    access: "write",
    fields: async (w) => [["studyId", (await listDemoStudies(getDb(), w.A.id))[0]?.id ?? "none"]],
  },
  // ── The questionnaire designer ──
  {
    name: "saveWeightsAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w, n) => {
      const criteria = await criteriaOf(w.draftId);
      const rest = criteria.length - 1;
      const first = 100 - rest * (n % 2 === 0 ? 10 : 5);
      return [
        ["studyId", w.draftId],
        ...criteria.map((c, i) => [`weight:${c.id}`, String(i === 0 ? first : n % 2 === 0 ? 10 : 5)] as [string, string]),
      ];
    },
  },
  {
    name: "criterionAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w, n) => [
      ["studyId", w.draftId],
      ["intent", "save"],
      ["criterionId", (await criteriaOf(w.draftId))[0].id],
      ["name.en", `Renamed criterion ${n}`],
      ["description.en", ""],
    ],
  },
  {
    name: "addCriterionAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["studyId", w.draftId],
      ["name.en", `Added criterion ${n}`],
      ["description.en", ""],
    ],
  },
  {
    name: "itemAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w, n) => [
      ["studyId", w.draftId],
      ["intent", "save"],
      ["itemId", (await itemsOf(w.draftId))[0].id],
      ["text.en", `Edited statement ${n}.`],
    ],
  },
  {
    name: "addItemAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w, n) => [
      ["studyId", w.draftId],
      ["criterionId", (await criteriaOf(w.draftId)).sort((x, y) => x.items - y.items)[0].id],
      ["text.en", `Added statement ${n}.`],
    ],
  },
  {
    name: "regenerateAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w) => [
      ["studyId", w.draftId],
      ["criterionId", (await criteriaOf(w.draftId))[1].id],
    ],
  },
  // "Publish version N" submits the weights form: the weights typed there are saved with the new version.
  {
    name: "saveWeightsAction",
    page: design,
    bound: () => state,
    access: "write",
    fields: async (w, n) => {
      const criteria = await criteriaOf(w.publishable.studyId);
      const rest = criteria.length - 1;
      const first = 100 - rest * (n % 2 === 0 ? 10 : 5);
      return [
        ["studyId", w.publishable.studyId],
        ["intent", "publish"],
        ...criteria.map((c, i) => [`weight:${c.id}`, String(i === 0 ? first : n % 2 === 0 ? 10 : 5)] as [string, string]),
      ];
    },
  },
  // ── Distribution ──
  {
    name: "saveSchedule",
    page: distribute,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["studyId", w.publishable.studyId],
      ["opensAt", ""],
      ["closesAt", ""],
      ["responseLimit", String(500 + n)],
    ],
  },
  // The "Follow-up and alerts" form: the consent step and the alert rule (a new threshold each call, so an allowed one changes a row).
  {
    name: "saveFollowUpSettings",
    page: distribute,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["studyId", w.publishable.studyId],
      ["threshold", String(1 + n / 10)],
      ["notify", w.accounts.manager.email],
    ],
  },
  {
    name: "createInvites",
    page: distribute,
    bound: () => state,
    access: "write",
    fields: (w) => [
      ["studyId", w.publishable.studyId],
      ["count", "2"],
      ["segment", ""],
    ],
  },
  {
    name: "revokeInviteBatch",
    page: distribute,
    access: "write",
    fields: (w) => [
      ["studyId", w.publishable.studyId],
      ["batch", String(w.batch)],
    ],
  },
  { name: "replacePublicLink", page: distribute, access: "write", fields: (w) => [["studyId", w.publishable.studyId]] },
  // Closed by the first allowed call, reopened by the next row's.
  { name: "closeSurveyNow", page: distribute, access: "write", fields: (w) => [["studyId", w.publishable.studyId]] },
  { name: "reopenSurvey", page: distribute, access: "write", fields: (w) => [["studyId", w.publishable.studyId]] },
  // Each allowed add makes a branch link for a new segment; the retire rows then retire them (refused callers come first).
  {
    name: "addBranchLink",
    page: distribute,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["studyId", w.publishable.studyId],
      ["segment", ""],
      ["newSegment", `Branch ${w.tag} ${n}`],
    ],
  },
  {
    name: "retireBranchLink",
    page: distribute,
    access: "write",
    fields: async (w) => [
      ["studyId", w.publishable.studyId],
      ["linkId", (await listBranchLinks(getDb(), w.publishable.studyId))[0]?.id ?? "none-left"],
    ],
  },
  // ── Email campaigns (campaign-ui.spec.ts sends and reminds for real) ──
  // The study's only contact has answered: an allowed invitation is refused (nobody to invite) and a reminder
  // now has nobody to go to, so neither writes, and nothing is left for the mailer while the table runs.
  {
    name: "sendInvitations",
    page: (w) => `/studies/${w.study.studyId}/distribute`,
    bound: () => state,
    access: "write",
    effect: "none",
    fields: (w) => [
      ["studyId", w.study.studyId],
      ["audience", "emails"],
      ["emails", `answered-${w.tag}@example.test`],
      ["when", "now"],
    ],
  },
  {
    name: "remindCampaign",
    page: (w) => `/studies/${w.study.studyId}/distribute/campaigns/${w.campaignId}`,
    bound: () => state,
    access: "write",
    effect: "none",
    fields: (w) => [
      ["studyId", w.study.studyId],
      ["campaignId", w.campaignId],
    ],
  },
  {
    name: "saveMailTemplate",
    page: (w) => `/studies/${w.publishable.studyId}/distribute/email`,
    bound: () => state,
    access: "write",
    fields: (w, n) => [
      ["studyId", w.publishable.studyId],
      ["subject.en", `Forged subject ${w.tag} ${n}`],
    ],
  },
  // ── Analysis: follow-up cases and the internal links of the gaps page ──
  // The first allowed call opens a case on the world's first response (later ones find it has one); the next rows work on it.
  {
    name: "openCase",
    page: (w) => `/studies/${w.study.studyId}/follow-up`,
    bound: (w) => [w.study.studyId],
    access: "write",
    fields: (w) => [["responseId", w.responseIds[0]]],
  },
  // A note on that case: every allowed call adds one (an analyst's would too, were it let through).
  {
    name: "changeCase",
    page: (w) => `/studies/${w.study.studyId}/follow-up`,
    bound: (w) => [w.study.studyId],
    access: "write",
    fields: async (w, n) => [
      ["intent", "note"],
      ["caseId", await caseOfResponse(w.responseIds[0])],
      ["text", `Forged note ${n}`],
    ],
  },
  // The world's response gave no contact details: an allowed removal finds none and changes nothing.
  {
    name: "removeCaseContact",
    page: (w) => `/studies/${w.study.studyId}/follow-up`,
    bound: (w) => [w.study.studyId],
    access: "write",
    effect: "none",
    fields: async (w) => [
      ["caseId", await caseOfResponse(w.responseIds[0])],
      ["confirm", "yes"],
    ],
  },
  {
    name: "regenerateInternalLink",
    page: (w) => `/studies/${w.study.studyId}/gaps`,
    access: "write",
    fields: (w) => [
      ["studyId", w.study.studyId],
      ["perspective", "delivery"],
    ],
  },
  // ── Import (another feature): refusals only; its own spec covers a real import ──
  {
    name: "importChecked",
    page: (w) => `/studies/${w.study.studyId}/import`,
    access: "write",
    effect: "none",
    optional: true,
    fields: (w) => [
      ["studyId", w.study.studyId],
      ["job", "no-such-job"],
    ],
  },
  {
    name: "cancelImport",
    page: (w) => `/studies/${w.study.studyId}/import`,
    access: "write",
    effect: "none",
    optional: true,
    fields: (w) => [
      ["studyId", w.study.studyId],
      ["job", "no-such-job"],
    ],
  },
];

/** Whether `who` (a member of A with that role; B's owner acts in B) may make the call. */
export function mayCall(row: ActionRow, who: SessionPrincipal): boolean {
  if (row.access === "public") return true;
  if (who === "signedOut") return false;
  if (row.access === "read") return true;
  if (who === "otherWorkspace" || who === "owner") return true;
  return row.access === "write" && who === "manager";
}
