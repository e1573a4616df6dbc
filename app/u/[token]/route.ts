import { getDb, transaction } from "@/db/client";
import { setUnsubscribed, unsubscribeTarget } from "@/db/queries/campaigns";
import { matchAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { readLimited } from "@/lib/http/read-limited";
import { mailTranslator } from "@/lib/mail/mail-text";
import { plausibleToken } from "@/lib/survey/link-state";
import { html } from "@/ui/survey/html";
import { renderMessage } from "@/ui/survey/message-views";
import { surveyContentSecurityPolicy } from "@/ui/survey/enhance-script";
import type { Html } from "@/ui/survey/html";
import { surveyDocument, type Shell } from "@/ui/survey/page-shell";
import { surveyTranslator } from "@/ui/survey/translator";

// The unsubscribe link of every campaign mail (List-Unsubscribe). A GET shows
// one button; a POST unsubscribes at once: the page's button, or a mail
// client's one-click POST of RFC 8058 (body "List-Unsubscribe=One-Click",
// sent by the mail provider's servers, with no cookie and no origin: the
// token in the address is the whole authority, as the RFC intends). Served
// as plain HTML like the survey: no JavaScript, nothing cached.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

function page(shell: Shell, body: Html, status: number): Response {
  const headers = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": surveyContentSecurityPolicy };
  return new Response(surveyDocument(shell, body), { status, headers });
}
type Target = NonNullable<Awaited<ReturnType<typeof unsubscribeTarget>>>;

function localeFor(request: Request, target: Target | undefined): Locale {
  return target?.language ?? matchAcceptLanguage(request.headers.get("accept-language")) ?? "en";
}

function view(request: Request, target: Target | undefined, state: "ask" | "done" | "resubscribed", status = 200): Response {
  const locale = localeFor(request, target);
  const t = mailTranslator(locale);
  const shell = { locale, t: surveyTranslator(locale), title: t("unsubscribe.title"), provider: target?.sender };
  if (!target) return page(shell, renderMessage({ icon: "info", title: t("unsubscribe.unknownHeading"), body: t("unsubscribe.unknown") }), 404);
  const values = { email: target.email, sender: target.sender };
  const unsubscribed = state === "done" || (state === "ask" && target.unsubscribedAt !== null);
  if (unsubscribed) {
    return page(
      shell,
      html`${renderMessage({ icon: "check", title: t("unsubscribe.doneHeading"), body: t("unsubscribe.done", values) })}
<form method="post" class="sv-card sv-message"><p>${t("unsubscribe.again")}</p><input type="hidden" name="action" value="resubscribe"><button type="submit" class="sv-button secondary">${t("unsubscribe.resubscribe")}</button></form>`,
      status,
    );
  }
  if (state === "resubscribed") {
    return page(
      shell,
      renderMessage({ icon: "check", title: t("unsubscribe.resubscribedHeading"), body: t("unsubscribe.resubscribed", values) }),
      status,
    );
  }
  return page(
    shell,
    html`<form method="post" class="sv-card sv-message">
<h1>${t("unsubscribe.askHeading")}</h1>
<p>${t("unsubscribe.ask", values)}</p>
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p><button type="submit" class="sv-button">${t("unsubscribe.button")}</button></p>
</form>`,
    status,
  );
}

async function findTarget(token: string): Promise<Target | undefined> {
  return plausibleToken(token) ? unsubscribeTarget(getDb(), token) : undefined;
}

export async function GET(request: Request, { params }: Context) {
  return view(request, await findTarget((await params).token), "ask");
}

export async function POST(request: Request, { params }: Context) {
  const target = await findTarget((await params).token);
  if (!target) return view(request, undefined, "ask");
  const body = await readLimited(request, 4096);
  const form = new URLSearchParams(body ? new TextDecoder().decode(body) : "");
  if (form.get("action") === "resubscribe") {
    await transaction((tx) => setUnsubscribed(tx, target.contactId, null));
    return view(request, { ...target, unsubscribedAt: null }, "resubscribed");
  }
  // Anything else posted here — the one-click body, the page's button, an empty post — unsubscribes.
  await transaction((tx) => setUnsubscribed(tx, target.contactId, Date.now()));
  return view(request, target, "done");
}
