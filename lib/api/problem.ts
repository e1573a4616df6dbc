import type { z } from "zod";
import { loadMessages } from "@/lib/i18n/messages";

export type ProblemField = { path: string; message: string };

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** An RFC 9457 problem response (`application/problem+json`). */
export function problem(
  status: number,
  detail: string,
  extra: { errors?: ProblemField[]; headers?: Record<string, string>; type?: string } = {},
): Response {
  const body = {
    type: extra.type ?? "about:blank",
    title: titles[status] ?? "Error",
    status,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...extra.headers },
  });
}

/** zod issues carry message codes shared with the UI; the API spells them out in English. */
export function describeIssue(message: string): string {
  const english = loadMessages("en").errors as Record<string, unknown>;
  const text = english[message];
  return typeof text === "string" ? text : message;
}

export function zodProblem(error: z.ZodError, detail = "The request is invalid."): Response {
  return problem(400, detail, {
    errors: error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: describeIssue(issue.message) })),
  });
}

/** Thrown inside handlers to answer with a problem; `apiRoute` turns it into the response. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: ProblemField[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
  toResponse(): Response {
    return problem(this.status, this.message, { errors: this.errors, headers: this.headers });
  }
}
