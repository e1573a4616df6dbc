import { getTranslations } from "next-intl/server";
import type { MailSetting } from "@/lib/mail/settings";

/** Why nothing can be mailed: the server settings that are missing and what each is for. */
export async function MailNotReady({ missing, lead }: { missing: MailSetting[]; lead: string }) {
  const t = await getTranslations("campaigns.mailOff");
  return (
    <div className="alert warn" data-testid="mail-not-ready">
      <p style={{ margin: 0 }}>
        <strong>{lead}</strong> {t("text")}
      </p>
      <ul>
        {missing.map((name) => (
          <li key={name}>
            <code>{name}</code>: {t(name)}
          </li>
        ))}
      </ul>
      <p className="small" style={{ margin: 0 }}>
        {t("readme")}
      </p>
    </div>
  );
}
