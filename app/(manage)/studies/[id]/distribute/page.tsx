import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { getDb } from "@/db/client";
import { findPublicLink, inviteBatches } from "@/db/queries/links";
import { countByStatus, submittedByChannel } from "@/db/queries/responses";
import { latestVersion } from "@/db/queries/studies";
import { absoluteUrl } from "@/lib/http/public-origin";
import { channelCounts, inviteTotals, surveyStatus } from "@/lib/studies/distribution-status";
import { loadStudy } from "@/lib/studies/load-study";
import { linkStateNow } from "@/lib/survey/resolve-link";
import { InvitesSection } from "@/ui/distribute/invites-section";
import { PublicLinkSection } from "@/ui/distribute/public-link-section";
import { ScheduleSection } from "@/ui/distribute/schedule-section";
import { StatusSection } from "@/ui/distribute/status-section";
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
  const [version, publicLink, counts, channels, batches] = await Promise.all([
    latestVersion(db, study.id),
    findPublicLink(db, study.id),
    countByStatus(db, study.id),
    submittedByChannel(db, study.id),
    inviteBatches(db, study.id),
  ]);
  const link = version ? publicLink : undefined;
  const url = link ? absoluteUrl(`/s/${link.token}`, await headers()) : null;
  const qrSvg = url
    ? await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#1c2330", light: "#ffffff" } })
    : null;

  return (
    <>
      <StudyTabs study={study} current="distribute" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />
      <StatusSection
        status={surveyStatus(linkStateNow({ link, study, version, submitted: counts.submitted }))}
        submitted={counts.submitted}
        inProgress={counts.inProgress}
        responseLimit={study.responseLimit}
        invites={inviteTotals(batches)}
        channels={channelCounts(counts.submitted, channels)}
      />
      <div className="grid cols-2">
        <PublicLinkSection studyId={study.id} link={link && url && qrSvg ? { token: link.token, url, qrSvg } : null} />
        <ScheduleSection study={study} />
      </div>
      <InvitesSection studyId={study.id} segments={study.segments} batches={batches} />
      {version && (
        <p className="muted distribute-import-link">
          {ti("linkHint")} <Link href={`/studies/${study.id}/import`}>{ti("link")}</Link>
        </p>
      )}
    </>
  );
}
