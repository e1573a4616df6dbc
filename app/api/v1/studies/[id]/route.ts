import { authenticate } from "@/lib/api/auth";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { studyDocument } from "@/lib/studies/study-document";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = authenticate(request, "read");
  const study = studyOf(caller, (await params).id);
  return Response.json(studyDocument(study));
});
