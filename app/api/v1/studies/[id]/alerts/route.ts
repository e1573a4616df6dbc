import { getDb } from "@/db/client";
import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { alertRuleInputSchema } from "@/lib/follow-up/alert-rule";
import { alertRuleOf, saveAlertRule } from "@/lib/follow-up/alert-settings";

type Context = { params: Promise<{ id: string }> };

/** The study's alert rule (API.md "Alerts, follow-up cases and webhooks"); all off when none was set. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const study = await studyOf(caller, (await params).id);
  return Response.json(await alertRuleOf(getDb(), caller.workspaceId, study.id));
});

/**
 * Replaces the study's alert rule: 200 with the rule. `notify` names
 * members by email (422 naming the ones that are not); `criterion` is a
 * criterion key of the study.
 */
export const PUT = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const study = await studyOf(caller, (await params).id);
  const body = alertRuleInputSchema.safeParse(await readJson(request));
  if (!body.success) return zodProblem(body.error, "The alert rule is invalid.");
  const outcome = await saveAlertRule({ workspaceId: caller.workspaceId, studyId: study.id, rule: body.data });
  switch (outcome.kind) {
    case "saved":
      return Response.json(outcome.rule);
    case "notFound":
      return problem(404, "No study with this id in your workspace.");
    case "unknownMembers":
      return problem(422, `Not members of this workspace: ${outcome.emails.join(", ")}.`, {
        errors: outcome.emails.map((email) => ({ path: "notify", message: `${email} is not a member of this workspace.` })),
      });
    case "unknownCriterion":
      return problem(422, `The study has no criterion "${outcome.key}".`, {
        errors: [{ path: "criterion", message: `The study has no criterion "${outcome.key}".` }],
      });
  }
});
