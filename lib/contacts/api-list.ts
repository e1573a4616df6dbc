import { z } from "zod";
import { contactLimits } from "./contact";

// The query of GET /api/v1/contacts.

export const contactsPageLimits = { default: 100, max: 1000 };

export const contactsQuerySchema = z.object({
  segment: z.string().trim().max(contactLimits.segment, "tooLong").optional(),
  q: z.string().trim().max(200, "tooLong").optional(),
  cursor: z.string().max(400, "tooLong").optional(),
  limit: z.coerce
    .number("invalidNumber")
    .int("invalidNumber")
    .min(1, "invalidNumber")
    .max(contactsPageLimits.max, `At most ${contactsPageLimits.max} per page.`)
    .default(contactsPageLimits.default),
});
