import { getTranslations } from "next-intl/server";
import type { PerspectiveRow } from "@/lib/results/five-gap-sections";
import { regenerateInternalLink } from "@/app/(analyze)/studies/[id]/gaps/actions";
import { ActionButton } from "@/ui/forms/action-button";
import { CardSection } from "@/ui/layout/card-section";

type Props = {
  studyId: string;
  rows: PerspectiveRow[];
  /** The origin internal links are shown with (lib/http/public-origin). */
  origin: string;
  canWrite: boolean;
};

/** The four internal perspectives: who they are, how many answered, and (for managers) their links. */
export async function PerspectivesSection({ studyId, rows, origin, canWrite }: Props) {
  const t = await getTranslations("gaps");
  return (
    <CardSection headingId="perspectives-heading" title={t("perspectivesTitle")} intro={t("perspectivesIntro")}>
      <ul className="perspective-list">
        {rows.map(({ perspective: p, group, responses, token }) => (
          <li key={p}>
            <strong>{t(`perspective.${p}.name`)}</strong> <span className="muted">({t(`groups.${group}`)})</span>
            <div className="small">{t(`perspective.${p}.who`)}</div>
            <div className="small">{responses > 0 ? t("answers", { n: responses }) : <span className="badge">{t("notEnoughData")}</span>}</div>
            {canWrite && (
              <div className="actions" style={{ marginTop: "0.5rem" }}>
                {token ? (
                  <a className="link" href={`/i/${token}`} data-testid={`internal-link-${p}`}>
                    {`${origin}/i/${token}`}
                  </a>
                ) : (
                  <span className="muted small">{t("noLink")}</span>
                )}
                <ActionButton action={regenerateInternalLink} fields={{ studyId, perspective: p }} className="button secondary small">
                  {token ? t("regenerateLink") : t("createLink", { perspective: t(`perspective.${p}.name`) })}
                </ActionButton>
              </div>
            )}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
