"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { sendTestMailAction } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/ui/forms/form-message";

/** "Send test mail": one mail to the owner, sent while they wait; the server's answer shown as it came. */
export function TestMailForm({ email }: { email: string }) {
  const t = useTranslations("settings.mail");
  const [state, action, pending] = useActionState<FormState, FormData>(sendTestMailAction, {});
  return (
    <form action={action}>
      <div aria-live="polite">
        {state.ok && <div className="alert ok">{t("testSent", { email: state.data?.email ?? email })}</div>}
        {state.message === "testFailed" && (
          <div className="alert error">
            <p style={{ margin: "0 0 0.35rem" }}>{t("testFailed")}</p>
            <code style={{ wordBreak: "break-word" }} data-testid="test-mail-error">
              {state.data?.error}
            </code>
          </div>
        )}
      </div>
      {(state.message === "testLimited" || state.message === "mailOff") && <FormMessage message={t(state.message)} />}
      <div className="actions">
        <button type="submit" className="button secondary" disabled={pending} aria-busy={pending || undefined}>
          {t("test")}
        </button>
        <span className="muted small">{t("testHint", { email })}</span>
      </div>
    </form>
  );
}
