import { problem } from "@/lib/api/problem";

// Any path under /api/v1 that no route serves: a problem document, not an HTML page.
function notFound() {
  return problem(404, "No such API endpoint. See /api/v1/openapi.json.");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
