"use client";

import { createContext, use, useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { resetMemberPasswordAction } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";

// An owner's "Reset password" on each member's row, with one outcome below
// the table (a table cell on a phone is too narrow for a link to copy). With
// mail the link goes to the member; without it, it is shown here once.

type Reset = { state: FormState; action: (form: FormData) => void; pending: boolean };
const ResetContext = createContext<Reset | null>(null);

/** Holds the reset action's state for the row buttons and the outcome inside it. */
export function MemberResetProvider({ children }: { children: ReactNode }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetMemberPasswordAction, {});
  return <ResetContext value={{ state, action, pending }}>{children}</ResetContext>;
}

function useReset(): Reset {
  const reset = use(ResetContext);
  if (!reset) throw new Error("MemberResetProvider is missing");
  return reset;
}

export function ResetMemberButton({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("settings.members");
  const { action, pending } = useReset();
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="button secondary small" disabled={pending} aria-label={t("resetOf", { email })}>
        {t("resetPassword")}
      </button>
    </form>
  );
}

/** The last reset's outcome: mailed, the one-time link to copy, or why not. */
export function MemberResetOutcome() {
  const t = useTranslations("settings.members");
  const { state } = useReset();
  const email = state.data?.email ?? "";
  let outcome: ReactNode = null;
  if (state.ok && state.message === "resetMailed") outcome = <div className="alert ok">{t("resetMailed", { email })}</div>;
  else if (state.ok && state.message === "resetLink" && state.data?.url) {
    outcome = (
      <div className="alert ok">
        <p style={{ marginTop: 0 }}>{t("resetLink", { email })}</p>
        <label htmlFor="reset-link" className="visually-hidden">
          {t("resetLinkLabel", { email })}
        </label>
        <input
          id="reset-link"
          type="text"
          readOnly
          value={state.data.url}
          className="distribute-url"
          style={{ width: "100%" }}
          data-testid="reset-link"
        />
      </div>
    );
  } else if (state.message) {
    const key = t.has(`refused.${state.message}`) ? `refused.${state.message}` : t.has(state.message) ? state.message : "refused.notMember";
    outcome = <div className="alert error">{t(key)}</div>;
  }
  return (
    <div aria-live="polite" style={{ marginTop: outcome ? "1rem" : undefined }}>
      {outcome}
    </div>
  );
}
