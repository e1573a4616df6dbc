import { AppShell } from "@/ui/layout/app-shell";

export default function ManageLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
