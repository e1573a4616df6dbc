import { z } from "zod";
import { idSchema } from "@/lib/validation/ids";
import { canonicalTimeZone } from "@/lib/time-zone";

export const emailSchema = z.string().trim().min(1, "required").max(254, "tooLong").pipe(z.email("invalidEmail"));

export const newPasswordSchema = z.string().min(10, "passwordTooShort").max(200, "tooLong");

export const setupSchema = z.object({
  name: z.string().trim().max(100, "tooLong").default(""),
  email: emailSchema,
  password: newPasswordSchema,
  workspace: z.string().trim().min(1, "required").max(100, "tooLong"),
  // Filled in by the browser (hidden field); unknown or missing: UTC, never an error.
  timeZone: z
    .string()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((zone) => canonicalTimeZone(zone) ?? "UTC"),
});

export const signInSchema = z.object({
  email: z.string().trim().min(1, "required").max(254, "tooLong"),
  password: z.string().min(1, "required").max(200, "tooLong"),
});

export const memberSchema = z.object({
  email: emailSchema,
  role: z.enum(["owner", "manager", "analyst"], "invalidRole"),
  password: newPasswordSchema,
});

export const roleChangeSchema = z.object({
  userId: idSchema,
  role: z.enum(["owner", "manager", "analyst"], "invalidRole"),
});

export const apiKeySchema = z.object({
  name: z.string().trim().max(100, "tooLong").default(""),
  role: z.enum(["manager", "analyst"], "invalidRole"),
});
