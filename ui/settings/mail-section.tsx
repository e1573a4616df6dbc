import { getTranslations } from "next-intl/server";
import type { MailSetting } from "@/lib/mail/settings";
import { CardSection } from "@/ui/layout/card-section";
import { TestMailForm } from "./test-mail-form";

export type MailStatus = { ready: true; server: string; from: string; origin: string } | { ready: false; missing: MailSetting[] };

/** Whether this installation can mail (where to, from whom, links on which address), or what is missing and what it is for; the test button. */
export async function MailSection({ status, ownerEmail }: { status: MailStatus; ownerEmail: string }) {
  const t = await getTranslations("settings.mail");
  return (
    <CardSection headingId="mail-heading" title={t("title")} intro={t("intro")}>
      {status.ready ? (
        <>
          <p>{t("ready")}</p>
          <dl style={{ display: "grid", gridTemplateColumns: "fit-content(40%) 1fr", gap: "0.35rem 1.25rem", margin: "0 0 1rem" }}>
            {(
              [
                [t("server"), status.server],
                [t("from"), status.from],
                [t("publicUrl"), status.origin],
              ] as const
            ).map(([term, value]) => (
              <div key={term} style={{ display: "contents" }}>
                <dt className="muted">{term}</dt>
                <dd style={{ margin: 0, overflowWrap: "anywhere" }}>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
          <TestMailForm email={ownerEmail} />
        </>
      ) : (
        <div className="alert warn" style={{ overflowWrap: "anywhere" }}>
          <p style={{ margin: 0 }}>{t("notReady")}</p>
          <ul>
            {status.missing.map((name) => (
              <li key={name}>
                <code>{name}</code>: {t(`missing.${name}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </CardSection>
  );
}
