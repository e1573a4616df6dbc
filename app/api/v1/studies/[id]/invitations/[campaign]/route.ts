import { getDb } from "@/db/client";
import { campaignCounts, findCampaign } from "@/db/queries/campaigns";
import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { idSchema } from "@/lib/validation/ids";

type Context = { params: Promise<{ id: string; campaign: string }> };

/** A campaign's counts: recipients, sent, failed, responded, reminded, unsubscribed (and queued, skipped). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const { id, campaign: campaignId } = await params;
  const study = await studyOf(caller, id);
  const campaign = idSchema.safeParse(campaignId).success ? await findCampaign(getDb(), study.id, campaignId) : undefined;
  if (!campaign) return problem(404, "No campaign with this id in this study.");
  const counts = await campaignCounts(getDb(), campaign.id);
  return Response.json({
    id: campaign.id,
    createdAt: new Date(campaign.createdAt).toISOString(),
    sendAt: new Date(campaign.sendAt).toISOString(),
    reminders:
      campaign.reminderAfterDays === null ? null : { afterDays: campaign.reminderAfterDays, max: campaign.reminderMax, sent: campaign.remindersSent },
    ...counts,
  });
});
