import { describe, expect, it } from "vitest";
import type { LinkRow } from "@/db/queries/links";
import type { StudyRow, VersionRow } from "@/db/queries/studies";
import { linkStateOf } from "@/lib/survey/link-state";
import { channelCounts, inviteTotals, surveyStatus, unusedInvites } from "./distribution-status";

const link = {
  id: "l",
  studyId: "s",
  kind: "public",
  token: "t",
  perspective: null,
  segment: null,
  usedAt: null,
  revokedAt: null,
  createdAt: 0,
} as LinkRow;
const study = { id: "s", opensAt: null, closesAt: null, responseLimit: null, archivedAt: null } as StudyRow;
const version = { id: "v" } as VersionRow;
const statusOf = (over: { link?: Partial<LinkRow> | null; study?: Partial<StudyRow>; version?: VersionRow; submitted?: number }) =>
  surveyStatus(
    linkStateOf({
      link: over.link === null ? undefined : { ...link, ...over.link },
      study: { ...study, ...over.study },
      version: "version" in over ? over.version : version,
      submitted: over.submitted ?? 0,
      now: 1000,
    }),
  );

describe("surveyStatus", () => {
  it("names the public link's state, with the opening time when it is not open yet", () => {
    expect(statusOf({})).toEqual({ kind: "open" });
    expect(statusOf({ study: { opensAt: 2000 } })).toEqual({ kind: "notYetOpen", opensAt: 2000 });
    expect(statusOf({ study: { closesAt: 500 } })).toEqual({ kind: "closed" });
    expect(statusOf({ study: { responseLimit: 3 }, submitted: 3 })).toEqual({ kind: "full" });
    expect(statusOf({ version: undefined })).toEqual({ kind: "noVersion" });
  });

  it("reads a missing or revoked link as no link", () => {
    expect(statusOf({ link: null })).toEqual({ kind: "noLink" });
    expect(statusOf({ link: { revokedAt: 1 } })).toEqual({ kind: "noLink" });
  });
});

describe("invite counts", () => {
  const batches = [
    { total: 10, used: 4, revoked: 2 },
    { total: 5, used: 5, revoked: 0 },
  ];
  it("adds up every batch's invites and the used ones", () => {
    expect(inviteTotals(batches)).toEqual({ total: 15, used: 9 });
    expect(inviteTotals([])).toEqual({ total: 0, used: 0 });
  });
  it("counts a batch's invites neither used nor revoked", () => {
    expect(batches.map(unusedInvites)).toEqual([4, 0]);
  });
});

describe("channelCounts", () => {
  it("splits the submitted responses into public, invite and the rest, adding up to all", () => {
    expect(channelCounts(10, { public: 6, invite: 3, api: 1 })).toEqual({ public: 6, invite: 3, other: 1 });
    expect(channelCounts(2, { import: 2 })).toEqual({ public: 0, invite: 0, other: 2 });
  });
});
