import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Perspective } from "@/lib/scoring/types";
import { CardSection } from "@/ui/layout/card-section";
import { CopyButton } from "@/ui/forms/copy-button";

type Props = {
  studyId: string;
  /** The live internal perspective links, in the perspectives' order, with absolute URLs. */
  links: { id: string; perspective: Perspective; url: string }[];
};

/** The internal perspective links, listed for sharing; they are made and replaced on the five-gap view. */
export async function StaffLinksSection({ studyId, links }: Props) {
  const t = await getTranslations("distribute.staffLinks");
  const tg = await getTranslations("gaps");
  return (
    <CardSection headingId="staff-links-heading" title={t("heading")} intro={t("intro")}>
      {links.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className="staff-links">
          {links.map((link) => {
            const perspective = tg(`perspective.${link.perspective}.name`);
            return (
              <li key={link.id}>
                <div className="field">
                  <label htmlFor={`staff-url-${link.id}`}>{t("linkLabel", { perspective })}</label>
                  <div className="copy-row">
                    <input
                      id={`staff-url-${link.id}`}
                      type="text"
                      readOnly
                      value={link.url}
                      className="distribute-url"
                      aria-describedby={`staff-who-${link.id}`}
                    />
                    <CopyButton text={link.url} />
                  </div>
                  <div className="hint" id={`staff-who-${link.id}`}>
                    {tg(`perspective.${link.perspective}.who`)}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link href={`/studies/${studyId}/gaps#perspectives-heading`}>{t("manage")}</Link>
      </p>
    </CardSection>
  );
}
