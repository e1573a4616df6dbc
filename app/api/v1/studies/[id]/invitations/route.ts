import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { createCampaign, invitationRequestSchema } from "@/lib/campaigns/create-campaign";
import { notReadyDetail } from "@/lib/mail/settings";

type Context = { params: Promise<{ id: string }> };

/**
 * Invites contacts by email (API.md "Contacts, invitations and reminders"):
 * 202 { campaign, recipients, skipped }. The mails go out in the background;
 * follow them at GET …/invitations/{campaign}.
 */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const study = await studyOf(caller, (await params).id);
  const body = invitationRequestSchema.safeParse(await readJson(request));
  if (!body.success) return zodProblem(body.error, "The invitation request is invalid.");
  const outcome = await createCampaign({
    workspaceId: caller.workspaceId,
    studyId: study.id,
    request: body.data,
    createdBy: `key:${caller.keyId}`,
    now: Date.now(),
  });
  switch (outcome.kind) {
    case "created":
      return Response.json(
        { campaign: outcome.campaignId, recipients: outcome.recipients, skipped: outcome.skipped },
        { status: 202, headers: { location: `/api/v1/studies/${study.id}/invitations/${outcome.campaignId}` } },
      );
    case "mailOff":
      return problem(409, notReadyDetail(outcome.missing));
    case "notFound":
      return problem(404, "No study with this id in your workspace.");
    case "notPublished":
      return problem(409, "The study has no published version to invite to; publish it first.");
    case "closed":
      return problem(409, "The study is closed (or closes before the send time); reopen it to invite.");
    case "sendAtTooLate":
      return problem(422, "sendAt is more than a year ahead.", { errors: [{ path: "sendAt", message: "Choose a time within the next year." }] });
    case "noRecipients": {
      const { unsubscribed, responded, retired, unknown } = outcome.skipped;
      return problem(
        422,
        `No one to invite: ${unsubscribed} unsubscribed, ${responded} already answered, ${retired} with a retired invite, ${unknown.length} not contacts of this workspace.`,
      );
    }
  }
});
