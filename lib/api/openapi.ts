import { z } from "zod";
import { contactsPageLimits } from "@/lib/contacts/api-list";
import { contactsEnvelopeSchema } from "@/lib/contacts/contact";
import { invitationRequestSchema } from "@/lib/campaigns/create-campaign";
import { alertRuleInputSchema } from "@/lib/follow-up/alert-rule";
import { customerResponsesEnvelopeSchema, perspectiveResponsesEnvelopeSchema } from "@/lib/validation/response";
import { studyCreateSchema } from "@/lib/validation/study";
import { resultsFilterSchema } from "@/lib/validation/results-filter";
import { webhookInputSchema } from "@/lib/webhooks/manage";
import { deliveriesPageLimits } from "@/lib/webhooks/webhook-json";

// The API's description, generated from the same zod schemas that validate
// the requests (zod 4's JSON Schema output), with hand-written paths.

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  // OpenAPI 3.1 rejects these keys inside components.
  delete json.$schema;
  delete json.$id;
  return json;
}

const problem = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
    },
  },
};

const errorResponses = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      { description: errorDescriptions[code], content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
    ]),
  );

const errorDescriptions: Record<number, string> = {
  400: "Malformed or invalid request",
  401: "No or unknown API key",
  403: "The key's role may not do this",
  404: "Not found (also another workspace's ids)",
  409: "Conflict with the study's state",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Valid JSON that does not fit this study",
  429: "Rate-limited; see Retry-After",
};

const studyId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });

export function openApiDocument(serverUrl: string) {
  const filter = schemaOf(resultsFilterSchema) as { properties?: Record<string, unknown> };
  return {
    openapi: "3.1.0",
    info: {
      title: "Gapwise REST API",
      version: "1",
      description: "Service-quality studies on the gap model. Gaps are E − P: positive means a shortfall. Numbers are unrounded.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key from Settings or `npm run cli -- create-api-key`." } },
      schemas: {
        Problem: problem,
        StudyCreate: schemaOf(studyCreateSchema),
        CustomerResponses: schemaOf(customerResponsesEnvelopeSchema),
        PerspectiveResponses: schemaOf(perspectiveResponsesEnvelopeSchema),
        ContactsUpsert: schemaOf(contactsEnvelopeSchema),
        Invitations: schemaOf(invitationRequestSchema),
        WebhookCreate: schemaOf(webhookInputSchema),
        AlertRule: schemaOf(alertRuleInputSchema),
      },
    },
    paths: {
      "/studies": {
        get: {
          summary: "List the workspace's studies",
          responses: { "200": { description: "The studies" }, ...errorResponses(401, 429) },
        },
        post: {
          summary: "Create a study (default framework and generated questions when criteria are omitted)",
          requestBody: { required: true, content: json("StudyCreate") },
          responses: { "201": { description: "Created: id, criteria with item keys and ids" }, ...errorResponses(400, 401, 403, 413, 415, 429) },
        },
      },
      "/studies/{id}": {
        get: {
          summary: "A study with its criteria, items, weights and versions",
          parameters: [studyId],
          responses: { "200": { description: "The study" }, ...errorResponses(401, 404, 429) },
        },
      },
      "/studies/{id}/versions": {
        post: {
          summary: "Publish the current draft as the next immutable version",
          parameters: [studyId],
          responses: { "201": { description: "{ version, surveyUrl }" }, ...errorResponses(401, 403, 404, 422, 429) },
        },
      },
      "/studies/{id}/responses": {
        post: {
          summary: "Add customer responses to the latest version, all or nothing (≤ 5,000)",
          parameters: [studyId],
          requestBody: { required: true, content: json("CustomerResponses") },
          responses: { "201": { description: "{ accepted, duplicates }" }, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/studies/{id}/perspectives/{perspective}/responses": {
        post: {
          summary: "Add ratings from an internal perspective (M, S, D or C), all or nothing",
          parameters: [
            studyId,
            {
              name: "perspective",
              in: "path",
              required: true,
              schema: { type: "string", enum: ["management", "standard", "delivery", "communication"] },
            },
          ],
          requestBody: { required: true, content: json("PerspectiveResponses") },
          responses: { "201": { description: "{ accepted, duplicates }" }, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/studies/{id}/results": {
        get: {
          summary: "Expected and perceived quality, the gap with statistics, the five gaps, and the criteria to fix first (focus)",
          parameters: [studyId, ...Object.entries(filter.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: false, schema }))],
          responses: {
            "200": {
              description:
                "The results document (API.md). `focus` lists the criterion keys to work on first, in order: significant shortfalls ranked by weight × gap (at most three), plus the criterion with the largest gap when that gap is a significant shortfall. `gaps.1`–`gaps.4`.tests hold each criterion's Welch test with its unrounded 95% interval `ci`.",
            },
            ...errorResponses(400, 401, 404, 409, 429),
          },
        },
      },
      "/studies/{id}/imports": {
        post: {
          summary:
            "Import responses from a CSV (the long or wide export format; UTF-8, Big5 or GB18030) or the export's XLSX workbook as a background job: checked only with dryRun=1, else stored all or nothing",
          parameters: [
            studyId,
            { name: "dryRun", in: "query", required: false, schema: { type: "string", enum: ["0", "1", "true", "false"], default: "0" } },
            {
              name: "sign",
              in: "query",
              required: false,
              description: "How the file's gap columns are signed (checked, never stored): e-p = expected − perceived, p-e = published SERVQUAL",
              schema: { type: "string", enum: ["e-p", "p-e"], default: "e-p" },
            },
            {
              name: "encoding",
              in: "query",
              required: false,
              description:
                "How a CSV's bytes are read; auto guesses (valid UTF-8, else Big5 or GB18030). A charset in the Content-Type (text/csv; charset=big5) is used when this is absent",
              schema: { type: "string", enum: ["auto", "utf-8", "big5", "gb18030"], default: "auto" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                schema: { type: "string", contentMediaType: "application/octet-stream" },
              },
            },
          },
          responses: { "202": { description: "{ job }: follow it at /jobs/{job}" }, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
        },
      },
      "/studies/{id}/invitations": {
        post: {
          summary:
            'Invite contacts by email: to "all", { segment } or { emails }; optional reminders { afterDays, max } to those who have not answered, and sendAt. Each contact gets one personal single-use link (the same one again if they already have an unanswered invite); unsubscribed contacts and those who answered are skipped. Needs SMTP_URL, MAIL_FROM and PUBLIC_URL on the server (else 409)',
          parameters: [studyId],
          requestBody: { required: true, content: json("Invitations") },
          responses: { "202": { description: "{ campaign, recipients, skipped }" }, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/studies/{id}/invitations/{campaign}": {
        get: {
          summary: "A campaign's counts: recipients, queued, sent, failed, skipped, responded, reminded, unsubscribed",
          parameters: [studyId, { name: "campaign", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "{ id, createdAt, sendAt, reminders, recipients, sent, failed, responded, reminded, unsubscribed, … }" },
            ...errorResponses(401, 403, 404, 429),
          },
        },
      },
      "/studies/{id}/invitations/{campaign}/reminders": {
        post: {
          summary: "A reminder now to every recipient who has neither answered nor unsubscribed (not after the study closes)",
          parameters: [studyId, { name: "campaign", in: "path", required: true, schema: { type: "string" } }],
          responses: { "202": { description: "{ recipients }" }, ...errorResponses(401, 403, 404, 409, 429) },
        },
      },
      "/studies/{id}/alerts": {
        get: {
          summary: "The study's alert rule: { threshold, notify, criterion, criterionThreshold } (nulls and [] when off)",
          parameters: [studyId],
          responses: {
            "200": { description: "{ threshold, notify: [member emails], criterion, criterionThreshold }" },
            ...errorResponses(401, 404, 429),
          },
        },
        put: {
          summary:
            "Replace the study's alert rule. A submitted response whose own weighted gap (METHOD.md §3) is at least threshold, or whose gap on the criterion (a criterion key) is at least criterionThreshold, opens a follow-up case, emails the members in notify (member emails of this workspace) and fires response.alert. null or a missing threshold turns that part off. Imported responses never alert",
          parameters: [studyId],
          requestBody: { required: true, content: json("AlertRule") },
          responses: {
            "200": { description: "The rule as stored: { threshold, notify, criterion, criterionThreshold }" },
            ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429),
          },
        },
      },
      "/studies/{id}/cases": {
        get: {
          summary:
            "The study's follow-up cases, newest first (at most 5,000): { cases: [{ id, response, gap, segment, submittedAt, contact, state, assignee, note, origin, dueAt, openedAt }] }. contact ({ email, name, phone }: the invite's contact, else what the customer gave on the survey's consent step) is personal data: only a manager key gets it; with a read-only key it is always null. assignee is the member's email; note the newest note",
          parameters: [
            studyId,
            {
              name: "state",
              in: "query",
              required: false,
              description: "Only cases in this state (all states when absent)",
              schema: { type: "string", enum: ["open", "contacted", "resolved"] },
            },
          ],
          responses: {
            "200": { description: "{ cases: [...] }" },
            ...errorResponses(401, 404, 422, 429),
          },
        },
      },
      "/contacts": {
        get: {
          summary:
            "A page of the workspace's contacts in email order, with a search and a segment filter. Contacts are personal data: a manager key is needed, as for writing",
          parameters: [
            { name: "segment", in: "query", required: false, description: "Only this segment (branch)", schema: { type: "string", maxLength: 100 } },
            {
              name: "q",
              in: "query",
              required: false,
              description: "Search in name, email, phone and external id (any case)",
              schema: { type: "string" },
            },
            { name: "cursor", in: "query", required: false, description: "The `next` of the page before", schema: { type: "string" } },
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: contactsPageLimits.max, default: contactsPageLimits.default },
            },
          ],
          responses: {
            "200": {
              description: "{ contacts: [{ id, email, name, phone, language, segment, externalId, unsubscribedAt, createdAt, updatedAt }], next }",
            },
            ...errorResponses(400, 401, 403, 429),
          },
        },
        post: {
          summary:
            'Add or update contacts by email (lower-cased) within the workspace, all or nothing (≤ 10,000). A field left out keeps the stored value; "" clears it',
          requestBody: { required: true, content: json("ContactsUpsert") },
          responses: { "200": { description: "{ created, updated }" }, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      "/jobs/{id}": {
        get: {
          summary:
            "A background job: state, progress { done, total } (rows of the file for an import), result once it succeeded, problems when it failed",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "{ id, kind, state, progress, result, problems, … }" }, ...errorResponses(401, 404, 429) },
        },
      },
      "/jobs/{id}/cancel": {
        post: {
          summary: "Ask a job to stop: a queued one is cancelled at once, a running one at its next progress report (an import then stores nothing)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "202": { description: "The job" }, ...errorResponses(401, 403, 404, 409, 429) },
        },
      },
      "/webhooks": {
        get: {
          summary: "The workspace's webhooks with their last delivery's state and answer (never the secrets). A manager key is needed",
          responses: {
            "200": { description: "{ webhooks: [{ id, url, events, createdAt, lastDelivery: { state, status, createdAt } | null }] }" },
            ...errorResponses(401, 403, 429),
          },
        },
        post: {
          summary:
            'Add a webhook: each event is POSTed as JSON { event, study, response, gap, segment, submittedAt } with the header Gapwise-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>, and retried for more than a day until it gets a 2xx. A URL whose host resolves to a loopback, private or link-local address is refused (422) unless the server runs with WEBHOOK_ALLOW_PRIVATE=1',
          requestBody: { required: true, content: json("WebhookCreate") },
          responses: {
            "201": { description: "{ id, url, events, secret }: the secret is shown this once" },
            ...errorResponses(400, 401, 403, 413, 415, 422, 429),
          },
        },
      },
      "/webhooks/{id}": {
        delete: {
          summary: "Delete a webhook and its deliveries; queued deliveries are not sent",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "Deleted" }, ...errorResponses(401, 403, 404, 429) },
        },
      },
      "/webhooks/{id}/deliveries": {
        get: {
          summary: "A webhook's deliveries, newest first: each one's attempts and outcome (delivered, queued for its next attempt, or failed)",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "cursor", in: "query", required: false, description: "The `next` of the page before", schema: { type: "string" } },
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: deliveriesPageLimits.max, default: deliveriesPageLimits.default },
            },
          ],
          responses: {
            "200": {
              description: "{ deliveries: [{ id, event, state, attempts, lastStatus, lastError, createdAt, deliveredAt, nextAttemptAt }], next }",
            },
            ...errorResponses(400, 401, 403, 404, 429),
          },
        },
      },
      "/studies/{id}/export": {
        get: {
          summary:
            "Raw responses as long or wide CSV, or XLSX; or the results summary, the codebook or the five-gap data as CSV (the same filter as the results)",
          parameters: [
            studyId,
            {
              name: "format",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["long", "wide", "xlsx", "summary", "codebook", "gaps"], default: "long" },
            },
            ...Object.entries(filter.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          ],
          responses: {
            "200": {
              description: "The file (UTF-8 CSV with a byte-order mark, or an XLSX workbook), streamed",
              content: {
                "text/csv": { schema: { type: "string" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                  schema: { type: "string", contentMediaType: "application/octet-stream" },
                },
              },
            },
            ...errorResponses(400, 401, 404, 409, 429),
          },
        },
      },
    },
  };
}
