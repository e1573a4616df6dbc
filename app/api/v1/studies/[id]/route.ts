import { getDb } from "@/db/client";
import { authenticate } from "@/lib/api/auth";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { studyDocument } from "@/lib/studies/study-document";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const study = await studyOf(caller, (await params).id);
  return Response.json(await studyDocument(getDb(), study));
});
