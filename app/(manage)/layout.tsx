import { NextIntlClientProvider } from "next-intl";
import { AppHeader } from "@/ui/layout/app-header";
import { requirePermission } from "@/lib/auth/current-user";

export default async function ManageLayout({ children }: { children: React.ReactNode }) {
  // Layouts do not guard on their own (pages and actions check again), but a
  // signed-out visitor is sent to sign in before anything renders.
  const user = await requirePermission("read");
  return (
    <NextIntlClientProvider>
      <AppHeader user={user} />
      <main className="page">{children}</main>
    </NextIntlClientProvider>
  );
}
