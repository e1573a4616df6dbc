import type { LinkState } from "@/lib/survey/link-state";
import type { Locale } from "@/lib/i18n/locales";
import { zoneLabel } from "@/lib/time-zone";
import { surveyContentSecurityPolicy } from "@/ui/survey/enhance-script";
import { renderMessage, type IconName } from "@/ui/survey/message-views";
import { surveyDocument, type Shell } from "@/ui/survey/page-shell";
import type { Html } from "@/ui/survey/html";
import type { SurveyT } from "@/ui/survey/translator";

// Turning survey views into HTTP responses. Answers are personal and change
// at every step: nothing here is cached.

export function htmlResponse(document: string, status = 200, headers: Headers = new Headers()): Response {
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("cache-control", "no-store");
  headers.set("content-security-policy", surveyContentSecurityPolicy);
  return new Response(document, { status, headers });
}

export function page(shell: Shell, body: Html, status = 200, headers?: Headers): Response {
  return htmlResponse(surveyDocument(shell, body), status, headers);
}

export { seeOther } from "@/lib/http/plain-response";

type ClosedKind = Exclude<LinkState["kind"], "open">;

const icons: Record<ClosedKind, IconName> = {
  unknown: "info",
  revoked: "info",
  noVersion: "info",
  notYetOpen: "info",
  closed: "info",
  full: "check",
  used: "check",
};

function fmtOpening(ms: number, zone: string, locale: Locale): string {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: zone }).format(new Date(ms));
  const label = zoneLabel(ms, zone, locale);
  return locale.startsWith("zh") ? `${when}（${label}）` : `${when} ${label}`;
}

/** The plain message for a link that takes no answers now. */
export function stateMessage(
  t: SurveyT,
  locale: Locale,
  kind: ClosedKind,
  study?: { provider: string; opensAt: number | null },
  timeZone = "UTC",
): Html {
  const provider = study?.provider ?? "";
  // The opening time in the workspace's zone, naming it ("台灣時間", "EST").
  const date = study?.opensAt != null ? fmtOpening(study.opensAt, timeZone, locale) : "";
  return renderMessage({ icon: icons[kind], title: t(`state.${kind}Title`), body: t(`state.${kind}`, { provider, date }) });
}

export function thanksMessage(t: SurveyT, provider: string): Html {
  return renderMessage({ icon: "check", title: t("thanks.heading"), body: t("thanks.body", { provider }), extra: t("thanks.close") });
}

export type ProblemKind = "malformed" | "outdated" | "tooMany" | "busy" | "draftBusy" | "tooLarge" | "error";

export function problemMessage(t: SurveyT, kind: ProblemKind, token: string, details: string[] = []): Html {
  return renderMessage({
    icon: "alert",
    title: t(`problem.${kind}Title`),
    body: t(`problem.${kind}`),
    details: { heading: t("problem.details"), lines: details },
    back:
      kind === "error" || kind === "tooMany" || kind === "busy" || kind === "draftBusy"
        ? undefined
        : { href: `/s/${encodeURIComponent(token)}`, label: t("problem.backToSurvey") },
  });
}
