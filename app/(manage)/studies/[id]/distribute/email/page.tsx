import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { invitationMail, surveyLinkUrl, unsubscribeLinkUrl } from "@/lib/campaigns/invitation-mail";
import { mailTemplateParts, type MailTemplatePart } from "@/lib/campaigns/mail-template-form";
import { publicOrigin } from "@/lib/http/public-origin";
import { isLocale, languageName, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { mailTranslator } from "@/lib/mail/mail-text";
import { mailReadiness } from "@/lib/mail/settings";
import { loadStudy } from "@/lib/studies/load-study";
import { MailNotReady } from "@/ui/campaigns/mail-not-ready";
import { MailPreview } from "@/ui/campaigns/mail-preview";
import { MailTemplateForm, type TemplateLanguage } from "@/ui/campaigns/mail-template-form";
import { PageHead } from "@/ui/layout/page-head";
import { StudyTabs } from "@/ui/study/study-tabs";
import { providerIn } from "@/lib/i18n/localized-text";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("campaigns.template");
  return { title: t("title") };
}

// The default text of each part (messages/<locale>/mail.json), as invitationMail falls back to it.
const defaultKeys: Record<MailTemplatePart, string> = { subject: "invitation.subject", intro: "invitation.intro", button: "invitation.button" };

/**
 * The study's invitation email: its own subject, introduction and button
 * text per language (empty: the default, shown in grey), and a preview of
 * the mail as sent in one language (?lang=, ?kind=reminder).
 */
export default async function MailTemplatePage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const t = await getTranslations("campaigns");
  const query = await searchParams;
  const language: Locale = isLocale(query.lang) && study.languages.includes(query.lang) ? query.lang : study.languages[0];
  const kind = query.kind === "reminder" ? "reminder" : "invitation";
  const readiness = mailReadiness();
  const origin = readiness.ready ? readiness.origin : publicOrigin(await headers());
  const base = `/studies/${study.id}/distribute`;

  const languages: TemplateLanguage[] = study.languages.map((l) => {
    const mail = mailTranslator(l);
    const saved = {} as Record<MailTemplatePart, string>;
    const defaults = {} as Record<MailTemplatePart, string>;
    for (const part of mailTemplateParts) {
      saved[part] = study.mailTemplate?.[part]?.[l] ?? "";
      defaults[part] = mail(defaultKeys[part], { provider: providerIn(l, study.provider, study.providerNames) });
    }
    return { language: l, name: languageName(l), saved, defaults };
  });

  // The sample name in the mail's language, not the page's (messages/<locale>/campaigns.json).
  const sampleName = (loadMessages(language).campaigns?.preview as { sampleName?: string } | undefined)?.sampleName ?? "";
  const mail = invitationMail({
    kind,
    study,
    language,
    contactName: sampleName,
    surveyUrl: surveyLinkUrl(origin, "your-personal-link", language),
    unsubscribeUrl: unsubscribeLinkUrl(origin, "unsubscribe-link"),
  });

  return (
    <>
      <StudyTabs study={study} current="distribute" role={user.role} />
      <p className="crumbs">
        <Link href={`${base}#email-invitations-heading`}>← {t("campaign.back")}</Link>
      </p>
      <PageHead title={t("template.title")} intro={t("template.pageIntro")} />
      {!readiness.ready && <MailNotReady missing={readiness.missing} lead={t("mailOff.wordingOnly")} />}
      <section className="card" aria-labelledby="wording-heading">
        <h2 id="wording-heading">{t("template.heading")}</h2>
        <p className="muted small">{t("template.applies")}</p>
        <MailTemplateForm studyId={study.id} languages={languages} />
      </section>
      <MailPreview
        mail={mail}
        language={language}
        kind={kind}
        languages={languages.map((l) => ({ language: l.language, name: l.name }))}
        href={(l, k) => `${base}/email?lang=${encodeURIComponent(l)}${k === "reminder" ? "&kind=reminder" : ""}#preview-heading`}
      />
    </>
  );
}
