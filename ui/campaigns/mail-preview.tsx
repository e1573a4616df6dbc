import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ComposedMail } from "@/lib/mail/compose";
import type { Locale } from "@/lib/i18n/locales";

type Props = {
  mail: ComposedMail;
  language: Locale;
  kind: "invitation" | "reminder";
  /** The study's languages with their names, for the language switch. */
  languages: { language: Locale; name: string }[];
  href: (language: Locale, kind: "invitation" | "reminder") => string;
};

/**
 * The mail as a recipient gets it, in one language: the subject, the plain
 * text, and the HTML in a sandboxed frame (srcdoc: no address of its own,
 * no scripts, nothing fetched; it inherits the page's policy, which lets
 * inline styles through and nothing else).
 */
export async function MailPreview({ mail, language, kind, languages, href }: Props) {
  const t = await getTranslations("campaigns.preview");
  return (
    <section className="card mail-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("heading")}</h2>
      <p className="muted small">{t("intro")}</p>
      <div className="preview-switches">
        {languages.length > 1 && (
          <nav className="segmented" aria-label={t("language")}>
            {languages.map((l) => (
              <Link key={l.language} href={href(l.language, kind)} aria-current={l.language === language ? "page" : undefined}>
                {l.name}
              </Link>
            ))}
          </nav>
        )}
        <nav className="segmented" aria-label={t("kind")}>
          {(["invitation", "reminder"] as const).map((k) => (
            <Link key={k} href={href(language, k)} aria-current={k === kind ? "page" : undefined}>
              {t(k)}
            </Link>
          ))}
        </nav>
      </div>
      <dl className="summary-list preview-subject">
        <dt>{t("subject")}</dt>
        <dd lang={language} data-testid="preview-subject">
          {mail.subject}
        </dd>
      </dl>
      <div className="grid cols-2 preview-versions">
        <div>
          <h3>{t("html")}</h3>
          <iframe className="mail-frame" title={t("htmlFrame")} sandbox="" srcDoc={mail.html} />
        </div>
        <div>
          <h3>{t("text")}</h3>
          <pre className="mail-text" lang={language} data-testid="preview-text">
            {mail.text}
          </pre>
        </div>
      </div>
    </section>
  );
}
