import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { emptyCampaignCounts, type CampaignCounts, type CampaignRow } from "@/db/queries/campaigns";
import { audienceOf, type CampaignAudience } from "@/lib/campaigns/campaign-view";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";

type T = Awaited<ReturnType<typeof getTranslations<"campaigns">>>;

/** Whom a campaign was sent to, in words. */
export function audienceText(t: T, audience: CampaignAudience): string {
  if (audience.kind === "segment") return t("audience.segment", { segment: audience.segment });
  if (audience.kind === "emails") return t("audience.emails", { count: audience.count });
  return t("audience.all");
}

/** The study's campaigns, newest first, with their counts; each opens its page. */
export async function CampaignList({
  studyId,
  campaigns,
  counts,
  now,
}: {
  studyId: string;
  campaigns: CampaignRow[];
  counts: Map<string, CampaignCounts>;
  now: number;
}) {
  const t = await getTranslations("campaigns");
  const format = await getFormatter();
  const minute = await getMinuteFormatter();
  const n = (value: number) => format.number(value);
  return (
    <div className="table-wrap">
      <table className="data campaign-list" aria-labelledby="campaigns-heading">
        <thead>
          <tr>
            <th>{t("list.created")}</th>
            <th>{t("list.who")}</th>
            <th>{t("list.sendAt")}</th>
            <th className="num">{t("list.recipients")}</th>
            <th className="num">{t("list.sent")}</th>
            <th className="num">{t("list.failed")}</th>
            <th className="num">{t("list.responded")}</th>
            <th className="num">{t("list.reminded")}</th>
            <th className="num">{t("list.unsubscribed")}</th>
            <th>
              <span className="visually-hidden">{t("list.open")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => {
            const c = counts.get(campaign.id) ?? emptyCampaignCounts;
            const created = minute(campaign.createdAt);
            return (
              <tr key={campaign.id}>
                <td>
                  {/* The date opens the campaign too: on a phone the table scrolls and "Open" is at its far end. */}
                  <Link href={`/studies/${studyId}/distribute/campaigns/${campaign.id}`}>{created}</Link>
                </td>
                <td>{audienceText(t, audienceOf(campaign.audience))}</td>
                <td>
                  {minute(campaign.sendAt)}
                  {campaign.sendAt > now && (
                    <>
                      {" "}
                      <span className="badge mail-state queued">{t("list.scheduled")}</span>
                    </>
                  )}
                </td>
                <td className="num">{n(c.recipients)}</td>
                <td className="num">{n(c.sent)}</td>
                <td className="num">{n(c.failed)}</td>
                <td className="num">{n(c.responded)}</td>
                <td className="num">{n(c.reminded)}</td>
                <td className="num">{n(c.unsubscribed)}</td>
                <td>
                  <Link
                    className="button secondary small"
                    href={`/studies/${studyId}/distribute/campaigns/${campaign.id}`}
                    aria-label={t("list.openLabel", { date: created })}
                  >
                    {t("list.open")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
