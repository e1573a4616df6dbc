import { getFormatter, getTranslations } from "next-intl/server";
import type { InviteBatch } from "@/db/queries/links";
import { getMinuteFormatter } from "@/lib/i18n/minute-format";
import { unusedInvites } from "@/lib/studies/distribution-status";
import { revokeInviteBatch } from "@/app/(manage)/studies/[id]/distribute/actions";
import { InviteForm } from "./invite-form";
import { ActionButton } from "@/ui/forms/action-button";
import { CardSection } from "@/ui/layout/card-section";

/** Making single-use invites, and each batch made so far with its download and "revoke unused". */
export async function InvitesSection({ studyId, segments, batches }: { studyId: string; segments: string[]; batches: InviteBatch[] }) {
  const t = await getTranslations("distribute.invites");
  const format = await getFormatter();
  const minute = await getMinuteFormatter();
  const base = `/studies/${studyId}/distribute`;
  return (
    <CardSection headingId="invites-heading" title={t("heading")} intro={t("intro")}>
      <InviteForm studyId={studyId} segments={segments} />
      <h3 style={{ marginTop: "1.5rem" }}>{t("batchesHeading")}</h3>
      {batches.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("createdAt")}</th>
                  <th>{t("segment")}</th>
                  <th className="num">{t("links")}</th>
                  <th className="num">{t("used")}</th>
                  <th className="num">{t("revoked")}</th>
                  <th>
                    <span className="visually-hidden">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => {
                  const date = minute(b.createdAt);
                  return (
                    <tr key={`${b.createdAt}-${b.segment ?? ""}`}>
                      <td>{date}</td>
                      <td>{b.segment ?? t("anySegment")}</td>
                      <td className="num">{format.number(b.total)}</td>
                      <td className="num">{format.number(b.used)}</td>
                      <td className="num">{format.number(b.revoked)}</td>
                      <td>
                        <div className="actions">
                          <a
                            className="button secondary small"
                            href={`${base}/invites?batch=${b.createdAt}`}
                            download
                            aria-label={t("downloadBatch", { date })}
                          >
                            {t("download")}
                          </a>
                          {unusedInvites(b) > 0 && (
                            <ActionButton action={revokeInviteBatch} fields={{ studyId, batch: b.createdAt }} label={t("revokeUnusedOf", { date })}>
                              {t("revokeUnused")}
                            </ActionButton>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p style={{ marginTop: "0.75rem" }}>
            <a href={`${base}/invites`} download>
              {t("downloadAll")}
            </a>
          </p>
        </>
      )}
    </CardSection>
  );
}
