import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { countUsers } from "@/db/queries/accounts";
import { getCurrentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export default async function Home() {
  if ((await countUsers(getDb())) === 0) redirect("/setup");
  redirect((await getCurrentUser()) ? "/studies" : "/sign-in");
}
