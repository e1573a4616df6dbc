"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { remindCampaign } from "@/app/(manage)/studies/[id]/distribute/campaign-actions";
import type { FormState } from "@/lib/forms/form-state";

/** "Send a reminder now" to everyone of the campaign who has neither answered nor unsubscribed; says how many were queued. */
export function RemindNowForm({ studyId, campaignId, remindable }: { studyId: string; campaignId: string; remindable: number }) {
  const t = useTranslations("campaigns");
  const [state, action, pending] = useActionState<FormState, FormData>(remindCampaign, {});
  const count = Number(state.data?.count ?? 0);
  const text = state.message
    ? t.has(`errors.${state.message}`)
      ? t(`errors.${state.message}`, { count, missing: state.data?.missing ?? "" })
      : t(`remind.${state.message}`, { count })
    : null;
  return (
    <form action={action} className="remind-now">
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <div aria-live="polite">
        {text && (
          <div className={`alert ${state.ok ? "ok" : "error"}`} role="status">
            {text}
          </div>
        )}
      </div>
      <button type="submit" className="button secondary" disabled={pending}>
        {t("remind.button")}
      </button>
      <p className="muted small" style={{ margin: "0.4rem 0 0" }}>
        {t("remind.hint", { count: remindable })}
      </p>
    </form>
  );
}
