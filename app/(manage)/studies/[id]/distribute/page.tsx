import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findPublicLink, inviteBatches, listBranchLinks, listLinks } from "@/db/queries/links";
import { countByStatus, submittedByChannel } from "@/db/queries/responses";
import { latestVersion } from "@/db/queries/studies";
import { qrSvgInline } from "@/lib/distribute/qr";
import { liveInternalLinks } from "@/lib/distribute/staff-links";
import { absoluteUrl, publicOrigin } from "@/lib/http/public-origin";
import { channelCounts, inviteTotals, surveyStatus } from "@/lib/studies/distribution-status";
import { loadStudy } from "@/lib/studies/load-study";
import { linkStateNow } from "@/lib/survey/resolve-link";
import { BranchLinksSection } from "@/ui/distribute/branch-links-section";
import { EmailInvitationsSection } from "@/ui/campaigns/email-invitations-section";
import { AlertRuleSection } from "@/ui/follow-up/alert-rule-section";
import { InvitesSection } from "@/ui/distribute/invites-section";
import { PublicLinkSection } from "@/ui/distribute/public-link-section";
import { ScheduleSection } from "@/ui/distribute/schedule-section";
import { StaffLinksSection } from "@/ui/distribute/staff-links-section";
import { StatusSection } from "@/ui/distribute/status-section";
import { OpenCloseControls } from "@/ui/distribute/open-close-controls";
import { StudyTabs } from "@/ui/study/study-tabs";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("distribute");
  return { title: t("title") };
}

export default async function DistributePage({ params }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const t = await getTranslations("distribute");
  const ti = await getTranslations("import");
  const db = getDb();
  const [version, publicLink, counts, channels, batches, branchLinks, internalLinks] = await Promise.all([
    latestVersion(db, study.id),
    findPublicLink(db, study.id),
    countByStatus(db, study.id),
    submittedByChannel(db, study.id),
    inviteBatches(db, study.id),
    listBranchLinks(db, study.id),
    listLinks(db, study.id, "internal"),
  ]);
  const origin = publicOrigin(await headers());
  const link = version ? publicLink : undefined;
  const url = link ? absoluteUrl(`/s/${link.token}`, await headers()) : null;
  const qrSvg = url ? await qrSvgInline(url) : null;
  const branches = version
    ? await Promise.all(
        branchLinks.map(async (b) => {
          const branchUrl = `${origin}/s/${b.token}`;
          return { id: b.id, segment: b.segment, token: b.token, url: branchUrl, qrSvg: await qrSvgInline(branchUrl), submitted: b.submitted };
        }),
      )
    : null;
  const status = surveyStatus(linkStateNow({ link, study, version, submitted: counts.submitted }));
  const staffLinks = liveInternalLinks(internalLinks).map((l) => ({ id: l.id, perspective: l.perspective, url: `${origin}/i/${l.token}` }));

  return (
    <>
      <StudyTabs study={study} current="distribute" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />
      <StatusSection
        status={status}
        submitted={counts.submitted}
        inProgress={counts.inProgress}
        responseLimit={study.responseLimit}
        invites={inviteTotals(batches)}
        channels={channelCounts(counts.submitted, channels)}
      >
        <OpenCloseControls studyId={study.id} status={status} />
      </StatusSection>
      <div className="grid cols-2">
        <PublicLinkSection studyId={study.id} link={link && url && qrSvg ? { id: link.id, token: link.token, url, qrSvg } : null} />
        <ScheduleSection study={study} />
      </div>
      <BranchLinksSection studyId={study.id} links={branches} segments={study.segments} />
      <EmailInvitationsSection study={study} published={version !== undefined} />
      <InvitesSection studyId={study.id} segments={study.segments} batches={batches} />
      <StaffLinksSection studyId={study.id} links={staffLinks} />
      <AlertRuleSection study={study} workspaceId={user.workspaceId} />
      {version && (
        <p className="muted distribute-import-link">
          {ti("linkHint")} <Link href={`/studies/${study.id}/import`}>{ti("link")}</Link>
        </p>
      )}
    </>
  );
}
