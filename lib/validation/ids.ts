import { z } from "zod";

/**
 * An id or key that a form or an API client sends back to us: non-empty,
 * short (ids are UUIDs, keys at most 40 characters) and free of control
 * characters (PostgreSQL refuses a NUL in text with an error, SQLite stores
 * it), so a forged value is refused before it reaches a query. Whether it
 * exists is the caller's check.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters");
