import type { VersionSnapshot } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { textIn } from "@/lib/i18n/localized-text";
import { composeMail } from "@/lib/mail/compose";
import { mailTranslator } from "@/lib/mail/mail-text";
import type { AlertHit } from "./alert-rule";

// The mail a study's alert rule sends to the members it names. It says what
// crossed the rule and links to the follow-up list; it carries no contact
// details of the customer (whoever may read the list sees them there).

export function followUpUrl(origin: string, studyId: string): string {
  return `${origin}/studies/${encodeURIComponent(studyId)}/follow-up`;
}

const round = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

export function alertMail(input: {
  locale: Locale;
  study: string;
  provider: string;
  segment: string;
  hits: AlertHit[];
  snapshot: VersionSnapshot;
  url: string;
}) {
  const t = mailTranslator(input.locale);
  const lines = input.hits.map((hit) => {
    if (hit.kind === "gap") return t("alert.gap", { gap: round(hit.gap), threshold: round(hit.threshold) });
    const criterion = input.snapshot.criteria.find((c) => c.key === hit.key);
    const name = criterion ? textIn(criterion.name, input.locale, input.snapshot.languages) || hit.key : hit.key;
    return t("alert.criterion", { criterion: name, gap: round(hit.gap), threshold: round(hit.threshold) });
  });
  return composeMail({
    subject: t("alert.subject", { study: input.study }),
    language: input.locale,
    heading: t("alert.heading"),
    paragraphs: [
      t("alert.intro", { study: input.study, provider: input.provider }),
      ...lines,
      ...(input.segment ? [t("alert.segment", { segment: input.segment })] : []),
      t("alert.next"),
    ],
    button: { label: t("alert.button"), url: input.url },
    footer: [t("alert.why", { study: input.study })],
  });
}
