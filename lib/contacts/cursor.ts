import { contactLimits } from "./contact";

// The cursor of a contacts list (the API's `next`, the page's ?after=): the
// last email of the page before, opaque to clients so its form may change.

export function encodeCursor(email: string): string {
  return Buffer.from(email, "utf8").toString("base64url");
}

/** The email a cursor holds, or null for one that no list handed out. */
export function decodeCursor(cursor: string): string | null {
  if (!cursor || cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const email = Buffer.from(cursor, "base64url").toString("utf8");
  if (!email || email.length > contactLimits.email || /[\u0000-\u001f\u007f\ufffd]/.test(email)) return null;
  return email;
}
