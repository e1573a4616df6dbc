import { ApiProblem, problem } from "./problem";

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

/**
 * Wraps a route handler: problems become their responses, anything else is
 * logged and answered with a plain 500 that reveals no internals.
 */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiProblem) return error.toResponse();
      console.error("Unhandled API error", error);
      return problem(500, "Something went wrong on our side; nothing was changed.");
    }
  };
}

const maxBodyBytes = Number(process.env.API_MAX_BODY_BYTES ?? 10 * 1024 * 1024);

/** Reads a JSON body with a size limit and a content-type check. */
export async function readJson(request: Request, limit = maxBodyBytes): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiProblem(415, "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ApiProblem(413, `The body is larger than ${limit} bytes.`);
  const reader = request.body?.getReader();
  if (!reader) throw new ApiProblem(400, "The body is empty.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ApiProblem(413, `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new ApiProblem(400, "The body is empty.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiProblem(400, "The body is not valid JSON.");
  }
}
