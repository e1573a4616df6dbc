import { z } from "zod";
import { dateTimeSchema } from "@/lib/validation/dates";
import { idSchema } from "@/lib/validation/ids";

// The shape of a customer response, shared by the survey page and the API.
// Checked against the stored version afterwards (lib/responses/check.ts).

const rating = z.number("ratingNotNumber").int("ratingNotInteger").nullable();

export const customerAnswerSchema = z.strictObject({
  item: z.string().min(1, "required").max(100, "tooLong"),
  expected: rating,
  perceived: rating,
});

export const customerWeightsSchema = z.record(
  idSchema,
  z.number("invalidNumber").finite("invalidNumber").min(0, "weightNegative").max(100, "weightTooLarge"),
);

export const customerResponseSchema = z.strictObject({
  id: z.string().trim().min(1).max(100).optional(),
  submittedAt: dateTimeSchema.optional(),
  segment: z.string().trim().max(100, "tooLong").optional(),
  language: z.enum(["en", "zh-Hant", "zh-Hans"]).optional(),
  answers: z.array(customerAnswerSchema).min(1, "noAnswers").max(200, "tooManyAnswers"),
  comments: z.record(idSchema, z.string().trim().max(2000, "tooLong")).optional(),
  weights: customerWeightsSchema.optional(),
});

/** How many responses one API call may carry. */
export const responsesPerRequest = { min: 1, max: 5000 };

export const customerResponsesEnvelopeSchema = z.strictObject({
  responses: z.array(customerResponseSchema).min(responsesPerRequest.min, "noResponses").max(responsesPerRequest.max, "tooManyResponses"),
});

export type CustomerResponseInput = z.output<typeof customerResponseSchema>;

const perspectiveRating = z.strictObject({
  item: z.string().min(1, "required").max(100, "tooLong"),
  rating,
});

export const perspectiveResponseSchema = z.strictObject({
  id: z.string().trim().min(1).max(100).optional(),
  submittedAt: dateTimeSchema.optional(),
  language: z.enum(["en", "zh-Hant", "zh-Hans"]).optional(),
  answers: z.array(perspectiveRating).min(1, "noAnswers").max(200, "tooManyAnswers"),
  causes: z
    .array(z.strictObject({ statement: idSchema, rating }))
    .max(200)
    .optional(),
});

export const perspectiveResponsesEnvelopeSchema = z.strictObject({
  responses: z.array(perspectiveResponseSchema).min(responsesPerRequest.min, "noResponses").max(responsesPerRequest.max, "tooManyResponses"),
});

export type PerspectiveResponseInput = z.output<typeof perspectiveResponseSchema>;
