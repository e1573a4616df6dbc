import type { MailTemplate } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { providerIn, type LocalizedText } from "@/lib/i18n/localized-text";
import { composeMail, type ComposedMail } from "@/lib/mail/compose";
import { mailTranslator } from "@/lib/mail/mail-text";

// The invitation and reminder mails: the provider's name, the personal
// single-use survey link, why the customer gets it and how to stop it. The
// study may word the subject, intro and button its own way per language.

export type InvitationStudy = {
  provider: string;
  /** The provider's own name per language ("海港飯店"), used in that language's mail. */
  providerNames?: LocalizedText | null;
  languages: readonly Locale[];
  mailTemplate: MailTemplate | null;
};

/** The contact's language when the study has it, else the study's first. */
export function mailLanguage(contactLanguage: Locale | null, studyLanguages: readonly Locale[]): Locale {
  return contactLanguage && studyLanguages.includes(contactLanguage) ? contactLanguage : studyLanguages[0];
}

/** The personal survey link, opening in the mail's language (the customer can still switch). */
export function surveyLinkUrl(origin: string, token: string, language: Locale): string {
  return `${origin}/s/${token}?lang=${language}`;
}

export function unsubscribeLinkUrl(origin: string, unsubscribeToken: string): string {
  return `${origin}/u/${unsubscribeToken}`;
}

export function invitationMail(input: {
  kind: "invitation" | "reminder";
  study: InvitationStudy;
  language: Locale;
  contactName: string;
  surveyUrl: string;
  unsubscribeUrl: string;
}): ComposedMail {
  const { study, language } = input;
  const t = mailTranslator(language);
  const provider = providerIn(language, study.provider, study.providerNames);
  const own = (part: keyof MailTemplate) => study.mailTemplate?.[part]?.[language]?.trim() || null;
  const subject = own("subject") ?? t("invitation.subject", { provider });
  const intro = own("intro") ?? t("invitation.intro", { provider });
  const reminder = input.kind === "reminder";
  return composeMail({
    subject: reminder ? t("reminder.subject", { subject }) : subject,
    language,
    heading: reminder ? t("reminder.heading", { provider }) : t("invitation.heading", { provider }),
    paragraphs: [
      ...(input.contactName.trim() ? [t("invitation.greeting", { name: input.contactName.trim() })] : []),
      reminder ? t("reminder.intro", { provider }) : intro,
      t("invitation.personal"),
    ],
    button: { label: own("button") ?? t("invitation.button"), url: input.surveyUrl },
    footer: [t("footer.why", { provider })],
    footerLink: { label: t("footer.unsubscribe", { provider }), url: input.unsubscribeUrl },
  });
}
