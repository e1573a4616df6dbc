import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { listApiKeys } from "@/db/queries/api-keys";
import { listWebhooks } from "@/db/queries/webhooks";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { mailReadiness, smtpServerLabel } from "@/lib/mail/settings";
import { ApiKeysSection } from "@/ui/settings/api-keys-section";
import { MailSection, type MailStatus } from "@/ui/settings/mail-section";
import { MembersSection } from "@/ui/settings/members-section";
import { PageHead } from "@/ui/layout/page-head";
import { WebhooksSection } from "@/ui/settings/webhooks-section";
import { CardSection } from "@/ui/layout/card-section";
import { TimeZoneForm } from "@/ui/settings/time-zone-form";
import { timeZoneChoices } from "@/lib/time-zone";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

// Owners see everything; managers only the webhooks (members, mail and API
// keys are the owner's).
export default async function SettingsPage() {
  const user = await requirePermission("write");
  const t = await getTranslations("settings");
  const db = getDb();
  const hooks = await listWebhooks(db, user.workspaceId);
  if (!can(user.role, "admin")) {
    return (
      <>
        <PageHead title={t("title")} intro={t("managerIntro")} />
        <WebhooksSection hooks={hooks} />
      </>
    );
  }
  const owner = user;
  const [members, keys] = await Promise.all([listMembers(db, owner.workspaceId), listApiKeys(db, owner.workspaceId)]);
  const readiness = mailReadiness();
  // The server's host and port only: SMTP_URL may carry a password.
  const mail: MailStatus = readiness.ready
    ? { ready: true, server: smtpServerLabel(readiness.smtpUrl) ?? "—", from: readiness.from, origin: readiness.origin }
    : { ready: false, missing: readiness.missing };
  return (
    <>
      <PageHead title={t("title")} intro={t("intro")} />
      <CardSection headingId="time-zone-heading" title={t("timeZone.title")} intro={t("timeZone.intro")}>
        <TimeZoneForm current={owner.timeZone} choices={timeZoneChoices()} />
      </CardSection>
      <MembersSection members={members} viewerId={owner.userId} />
      <MailSection status={mail} ownerEmail={owner.email} />
      <ApiKeysSection keys={keys} />
      <WebhooksSection hooks={hooks} />
    </>
  );
}
