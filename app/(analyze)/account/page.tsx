import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getWorkspace } from "@/db/queries/accounts";
import { requirePermission } from "@/lib/auth/current-user";
import { ChangePasswordForm } from "@/ui/account/change-password-form";
import { CardSection } from "@/ui/layout/card-section";
import { PageHead } from "@/ui/layout/page-head";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("account.title") };
}

/** Every signed-in member's own page: who they are here, and their password. */
export default async function AccountPage() {
  const user = await requirePermission("read");
  const t = await getTranslations("account");
  const tc = await getTranslations("common");
  const workspace = await getWorkspace(getDb(), user.workspaceId);
  const facts = [
    [t("fields.email"), user.email],
    [t("account.workspace"), workspace?.name ?? "—"],
    [t("account.role"), tc(`roles.${user.role}`)],
  ];
  return (
    <div style={{ maxWidth: 600 }}>
      <PageHead title={t("account.title")} />
      <CardSection headingId="account-heading" title={t("account.whoTitle")}>
        <dl style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "0.4rem 1.25rem", margin: 0 }}>
          {facts.map(([term, value]) => (
            <Fragment key={term}>
              <dt className="muted">{term}</dt>
              <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{value}</dd>
            </Fragment>
          ))}
        </dl>
      </CardSection>
      <CardSection headingId="password-heading" title={t("account.changeTitle")} intro={t("account.changeIntro")}>
        <ChangePasswordForm />
      </CardSection>
    </div>
  );
}
