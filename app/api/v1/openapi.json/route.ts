import { openApiDocument } from "@/lib/api/openapi";

/** Public: the description of the API itself reveals no data. */
export function GET(request: Request) {
  return Response.json(openApiDocument(new URL("/api/v1", request.url).toString()));
}
