import { authenticate } from "@/lib/api/auth";
import { apiRoute } from "@/lib/api/route";
import { problem } from "@/lib/api/problem";

// Any path under /api/v1 that no route serves: a problem document, not an
// HTML page. The key is checked first, so an unauthenticated caller learns
// nothing about which paths exist.
const notFound = apiRoute(async (request: Request) => {
  await authenticate(request, "read");
  return problem(404, "No such API endpoint. See /api/v1/openapi.json.");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
