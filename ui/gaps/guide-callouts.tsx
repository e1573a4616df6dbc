import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

type Props = { studyId: string; customers: number; missingPerspectives: number; blockedGaps: string[]; canWrite: boolean };

/** What is missing, said at the top with the next step (the details stay in their sections). */
export async function GapsGuideCallouts({ studyId, customers, missingPerspectives, blockedGaps, canWrite }: Props) {
  const t = await getTranslations("gaps");
  const tg = await getTranslations("guide.gaps");
  const format = await getFormatter();
  return (
    <>
      {customers === 0 && (
        <div className="alert info guide-callout" role="status" data-testid="gaps-no-customers">
          <p>{tg("noCustomers")}</p>
          {canWrite ? (
            <Link className="button small" href={`/studies/${studyId}/distribute`}>
              {tg("shareSurvey")}
            </Link>
          ) : (
            <p className="small">{tg("askManager")}</p>
          )}
        </div>
      )}
      {missingPerspectives > 0 && blockedGaps.length > 0 && (
        <div className="alert warn guide-callout" role="status" data-testid="gaps-missing-perspectives">
          <p>
            {tg("missing", {
              missing: missingPerspectives,
              gaps: format.list(
                blockedGaps.map((g) => t("gapShort", { n: g })),
                { type: "conjunction" },
              ),
              canWrite: canWrite ? "yes" : "no",
            })}
          </p>
          <a className="button secondary small" href="#perspectives-heading">
            {tg("toLinks")}
          </a>
        </div>
      )}
    </>
  );
}
