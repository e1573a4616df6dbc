import { getDb } from "@/db/client";
import { ping } from "@/db/queries/health";

export const dynamic = "force-dynamic";

/** Liveness and a round trip to the database; used by e2e and load tests to wait for boot. */
export async function GET() {
  try {
    await ping(getDb());
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
