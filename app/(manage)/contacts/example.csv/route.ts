import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { exampleContactsCsv } from "@/lib/contacts/csv-import";
import { seeOther } from "@/lib/http/plain-response";

// A small contacts file to start from: every column, the three languages.
// For the members who may import (the page that links it is theirs too).

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return seeOther("/sign-in");
  if (!can(user.role, "write")) return seeOther("/forbidden");
  return new Response(exampleContactsCsv(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="contacts-example.csv"',
      "cache-control": "no-store",
    },
  });
}
