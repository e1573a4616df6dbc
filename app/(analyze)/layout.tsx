import { NextIntlClientProvider } from "next-intl";
import { AppHeader } from "@/ui/layout/app-header";
import { requirePermission } from "@/lib/auth/current-user";

export default async function AnalyzeLayout({ children }: { children: React.ReactNode }) {
  // Pages check access again; this only sends a signed-out visitor to sign in first.
  const user = await requirePermission("read");
  return (
    <NextIntlClientProvider>
      <AppHeader user={user} />
      <main className="page">{children}</main>
    </NextIntlClientProvider>
  );
}
