import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { audienceSizes, listCampaigns, studyCampaignCounts } from "@/db/queries/campaigns";
import { pageTime, studyClosed } from "@/lib/campaigns/campaign-view";
import { reminderDefaults } from "@/lib/campaigns/invitation-choices";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";
import { mailReadiness } from "@/lib/mail/settings";
import { CardSection } from "@/ui/layout/card-section";
import { CampaignList } from "./campaign-list";
import { InvitationForm } from "./invitation-form";
import { MailNotReady } from "./mail-not-ready";

type Props = {
  study: { id: string; workspaceId: string; archivedAt: number | null; closesAt: number | null };
  published: boolean;
};

/**
 * The Distribute page's "Email invitations": the form that mails the
 * workspace's contacts their personal links (or why it cannot), and the
 * study's campaigns so far. Loads its own data, so the page only places it.
 */
export async function EmailInvitationsSection({ study, published }: Props) {
  const t = await getTranslations("campaigns");
  const minute = await getMinuteFormatter();
  const db = getDb();
  const now = pageTime();
  const [sizes, campaigns, counts] = await Promise.all([
    audienceSizes(db, study.workspaceId),
    listCampaigns(db, study.id),
    studyCampaignCounts(db, study.id),
  ]);
  const readiness = mailReadiness();
  const base = `/studies/${study.id}/distribute`;

  let body: React.ReactNode;
  if (!readiness.ready) body = <MailNotReady missing={readiness.missing} lead={t("mailOff.cannotInvite")} />;
  else if (sizes.total === 0)
    body = (
      <div className="alert info" data-testid="no-contacts">
        {t("section.noContacts")} <Link href="/contacts">{t("section.contactsLink")}</Link>
      </div>
    );
  else if (!published)
    body = (
      <div className="alert warn">
        {t("section.notPublished")} <Link href={`/studies/${study.id}/design#publish`}>{t("section.designLink")}</Link>
      </div>
    );
  else if (studyClosed(study, now)) body = <div className="alert warn">{t("section.closed")}</div>;
  else
    body = (
      <InvitationForm
        studyId={study.id}
        sizes={sizes}
        reminderDefaults={reminderDefaults}
        nowUtc={minute(now)}
        zone={await getTimeZone()}
        contactsHref="/contacts"
      />
    );

  return (
    <CardSection
      headingId="email-invitations-heading"
      title={t("section.heading")}
      intro={
        <>
          {t("section.intro")} <Link href={`${base}/email`}>{t("section.wordingLink")}</Link>
        </>
      }
    >
      {body}
      <h3 style={{ marginTop: "1.5rem" }} id="campaigns-heading">
        {t("list.heading")}
      </h3>
      {campaigns.length === 0 ? (
        <p className="muted">{t("list.none")}</p>
      ) : (
        <CampaignList studyId={study.id} campaigns={campaigns} counts={counts} now={now} />
      )}
    </CardSection>
  );
}
