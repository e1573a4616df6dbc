import { AppShell } from "@/ui/layout/app-shell";

export default function AnalyzeLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
