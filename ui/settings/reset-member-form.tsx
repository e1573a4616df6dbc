"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { resetMemberPasswordAction } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";

const outcomeStyle = { margin: "0.5rem 0 0" };

/**
 * "Reset password" on a member's row, with the row's other actions
 * (`children`) beside it and the outcome below them. With mail, the link goes
 * to the member; without it, the link is shown here once, to copy and hand over.
 */
export function ResetMemberForm({ userId, email, children }: { userId: string; email: string; children?: ReactNode }) {
  const t = useTranslations("settings.members");
  const [state, action, pending] = useActionState<FormState, FormData>(resetMemberPasswordAction, {});
  const linkId = `reset-link-${userId}`;
  const refusal =
    !state.ok && state.message
      ? t.has(`refused.${state.message}`)
        ? t(`refused.${state.message}`)
        : t.has(state.message)
          ? t(state.message)
          : undefined
      : undefined;
  return (
    <div>
      <div className="actions">
        <form action={action}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" className="button secondary small" disabled={pending} aria-label={t("resetOf", { email })}>
            {t("resetPassword")}
          </button>
        </form>
        {children}
      </div>
      <div aria-live="polite" style={{ minWidth: "15rem" }}>
        {state.ok && state.message === "resetMailed" && (
          <div className="alert ok" style={outcomeStyle}>
            {t("resetMailed", { email: state.data?.email ?? email })}
          </div>
        )}
        {state.ok && state.message === "resetLink" && state.data?.url && (
          <div className="alert ok" style={outcomeStyle}>
            <p style={{ marginTop: 0 }}>{t("resetLink", { email: state.data.email ?? email })}</p>
            <label htmlFor={linkId} className="visually-hidden">
              {t("resetLinkLabel", { email: state.data.email ?? email })}
            </label>
            <input
              id={linkId}
              type="text"
              readOnly
              value={state.data.url}
              className="distribute-url"
              style={{ width: "100%" }}
              data-testid="reset-link"
            />
          </div>
        )}
        {refusal && (
          <div className="alert error" style={outcomeStyle}>
            {refusal}
          </div>
        )}
      </div>
    </div>
  );
}
