import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/current-user";
import { AppHeader } from "./app-header";

/**
 * The signed-in app around a page: the header and the main column, for
 * managers' and analysts' routes alike. It does not guard on its own (pages
 * and actions check access again), but a signed-out visitor is sent to sign
 * in before anything renders.
 */
export async function AppShell({ children }: { children: ReactNode }) {
  const user = await requirePermission("read");
  return (
    <NextIntlClientProvider>
      <AppHeader user={user} />
      <main className="page">{children}</main>
    </NextIntlClientProvider>
  );
}
