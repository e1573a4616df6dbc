import { z } from "zod";

/**
 * An id or key that a form or an API client sends back to us: non-empty and
 * short (ids are UUIDs, keys at most 40 characters), so a forged value is
 * refused before it reaches a query. Whether it exists is the caller's check.
 */
export const idSchema = z.string().min(1).max(100);
