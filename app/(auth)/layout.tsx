import { NextIntlClientProvider } from "next-intl";
import { AppHeader } from "@/ui/layout/app-header";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <NextIntlClientProvider>
      <AppHeader user={user} />
      <main className="page narrow">{children}</main>
    </NextIntlClientProvider>
  );
}
