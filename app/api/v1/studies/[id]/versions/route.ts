import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { absoluteUrl } from "@/lib/http/public-origin";
import { publishDraft } from "@/lib/studies/publish";
import { describeProblem } from "@/lib/studies/publish-rules";

type Context = { params: Promise<{ id: string }> };

/** Publishes the current draft as the next immutable version. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const study = await studyOf(caller, (await params).id);
  const result = await publishDraft(caller.workspaceId, study.id, null);
  if (!result.ok) {
    if (result.reason === "notFound") return problem(404, "No study with this id in your workspace.");
    return problem(422, "The questionnaire cannot be published yet.", {
      errors: result.problems.map((p) => ({
        path: "criterion" in p ? `criteria.${p.criterion}${"item" in p ? `.items.${p.item}` : ""}` : "criteria",
        message: describeProblem(p),
      })),
    });
  }
  const surveyUrl = absoluteUrl(result.surveyPath, request.headers);
  return Response.json({ version: result.version, id: result.versionId, surveyUrl }, { status: 201 });
});
