import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { remindNow } from "@/lib/campaigns/remind-now";
import { notReadyDetail } from "@/lib/mail/settings";
import { idSchema } from "@/lib/validation/ids";

type Context = { params: Promise<{ id: string; campaign: string }> };

/** A reminder now to every recipient who has neither answered nor unsubscribed: 202 { recipients }. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const { id, campaign } = await params;
  const study = await studyOf(caller, id);
  if (!idSchema.safeParse(campaign).success) return problem(404, "No campaign with this id in this study.");
  const outcome = await remindNow(caller.workspaceId, study.id, campaign, Date.now());
  switch (outcome.kind) {
    case "queued":
      return Response.json({ recipients: outcome.recipients }, { status: 202 });
    case "notFound":
      return problem(404, "No campaign with this id in this study.");
    case "closed":
      return problem(409, "The study is closed; reminders are not sent after it closes.");
    case "mailOff":
      return problem(409, notReadyDetail(outcome.missing));
  }
});
