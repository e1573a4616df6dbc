import Link from "next/link";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { campaignCounts, findCampaign, hasQueuedMail, listRecipients, remindableCount } from "@/db/queries/campaigns";
import { audienceOf, pageTime, reminderPlan, studyClosed } from "@/lib/campaigns/campaign-view";
import { decodeUnknownEmails, unknownEmailsCookie } from "@/lib/campaigns/unknown-emails-cookie";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";
import { requesterOf } from "@/lib/imports/import-job-view";
import { mailReadiness } from "@/lib/mail/settings";
import { loadStudy } from "@/lib/studies/load-study";
import { idSchema } from "@/lib/validation/ids";
import { audienceText } from "@/ui/campaigns/campaign-list";
import { CampaignFigures } from "@/ui/campaigns/campaign-figures";
import { CampaignSchedule } from "@/ui/campaigns/campaign-schedule";
import { RecipientsTable } from "@/ui/campaigns/recipients-table";
import { AutoRefresh } from "@/ui/imports/auto-refresh";
import { PageHead } from "@/ui/layout/page-head";
import { StudyTabs } from "@/ui/study/study-tabs";

type Props = {
  params: Promise<{ id: string; campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const perPage = 100;

export async function generateMetadata() {
  const t = await getTranslations("campaigns.campaign");
  return { title: t("title") };
}

/** A whole number from the query (the notice after sending), or null. */
const countParam = (value: string | string[] | undefined) => (typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : null);

/**
 * One email campaign: its counts, its schedule and reminders ("Send a
 * reminder now"), and its recipients, 100 a page. While its mails are
 * going out the page follows them (it refreshes itself, without
 * JavaScript too). Owners and managers only; another study's campaign is
 * not found.
 */
export default async function CampaignPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const { campaignId } = await params;
  const db = getDb();
  const campaign = idSchema.safeParse(campaignId).success ? await findCampaign(db, study.id, campaignId) : undefined;
  if (!campaign) notFound();

  const t = await getTranslations("campaigns");
  const minute = await getMinuteFormatter();
  const query = await searchParams;
  const requested = countParam(query.page) ?? 1;
  const now = pageTime();
  const [counts, sending, remindable, members] = await Promise.all([
    campaignCounts(db, campaign.id),
    hasQueuedMail(db, campaign.id),
    remindableCount(db, campaign.id),
    listMembers(db, user.workspaceId),
  ]);
  const pages = Math.max(1, Math.ceil(counts.recipients / perPage));
  const pageNumber = Math.min(Math.max(1, requested), pages);
  const recipients = await listRecipients(db, campaign.id, perPage, (pageNumber - 1) * perPage);

  const scheduled = campaign.sendAt > now;
  const closed = studyClosed(study, now);
  const base = `/studies/${study.id}/distribute`;
  const path = `${base}/campaigns/${campaign.id}`;
  const requester = requesterOf(campaign.createdBy, new Map(members.map((m) => [m.userId, m.name || m.email])));
  const by = requester.kind === "member" ? t("campaign.byMember", { name: requester.name }) : t(`campaign.by.${requester.kind}`);

  const created = countParam(query.created);
  const skipped = {
    unsubscribed: countParam(query.unsubscribed) ?? 0,
    responded: countParam(query.responded) ?? 0,
    retired: countParam(query.retired) ?? 0,
    unknown: countParam(query.unknown) ?? 0,
  };
  const unknown =
    created !== null && skipped.unknown > 0 ? decodeUnknownEmails((await cookies()).get(unknownEmailsCookie)?.value, campaign.id) : null;
  const skippedParts = [
    skipped.unsubscribed > 0 && t("notice.unsubscribed", { count: skipped.unsubscribed }),
    skipped.responded > 0 && t("notice.responded", { count: skipped.responded }),
    skipped.retired > 0 && t("notice.retired", { count: skipped.retired }),
    skipped.unknown > 0 && t("notice.unknown", { count: skipped.unknown }),
  ].filter((part): part is string => typeof part === "string");

  return (
    <>
      {sending && !scheduled && <AutoRefresh seconds={3} />}
      <StudyTabs study={study} current="distribute" role={user.role} />
      <p className="crumbs">
        <Link href={`${base}#email-invitations-heading`}>← {t("campaign.back")}</Link>
      </p>
      <PageHead
        title={t("campaign.heading", { audience: audienceText(t, audienceOf(campaign.audience)) })}
        intro={t("campaign.intro", { date: minute(campaign.createdAt), by })}
      />

      {created !== null && (
        <div className="alert ok" role="status" data-testid="campaign-notice">
          <p style={{ margin: 0 }}>
            {scheduled ? t("notice.scheduled", { count: created, date: minute(campaign.sendAt) }) : t("notice.sending", { count: created })}
          </p>
          {skippedParts.length > 0 && (
            <p style={{ margin: "0.35rem 0 0" }}>
              {t("notice.skipped")} {skippedParts.join(t("notice.separator"))}
            </p>
          )}
          {unknown && unknown.emails.length > 0 && (
            <p style={{ margin: "0.35rem 0 0" }}>
              {t("notice.unknownList")} {unknown.emails.join(", ")}
              {unknown.count > unknown.emails.length && ` ${t("notice.andMore", { count: unknown.count - unknown.emails.length })}`}
            </p>
          )}
        </div>
      )}
      {sending && !scheduled && (
        <p className="muted small" role="status" data-testid="still-sending">
          {t("campaign.stillSending")}
        </p>
      )}

      <CampaignFigures counts={counts} scheduled={scheduled} />
      <CampaignSchedule
        studyId={study.id}
        campaignId={campaign.id}
        sendAt={campaign.sendAt}
        now={now}
        reminderAfterDays={campaign.reminderAfterDays}
        plan={reminderPlan(campaign, closed)}
        closed={closed}
        mailReady={mailReadiness().ready}
        remindable={remindable}
      />
      <RecipientsTable
        recipients={recipients}
        scheduled={scheduled}
        page={{ number: pageNumber, size: perPage, total: counts.recipients, href: (n) => (n === 1 ? path : `${path}?page=${n}`) }}
      />
    </>
  );
}
