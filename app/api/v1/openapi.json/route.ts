import { openApiDocument } from "@/lib/api/openapi";
import { absoluteUrl } from "@/lib/http/public-origin";

/** Public: the description of the API itself reveals no data. */
export function GET(request: Request) {
  return Response.json(openApiDocument(absoluteUrl("/api/v1", request.headers)));
}
