"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createInvites } from "@/app/(manage)/studies/[id]/distribute/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";

/** Creates a batch of 1–5,000 single-use invitations, optionally carrying a segment. */
export function InviteForm({ studyId, segments }: { studyId: string; segments: string[] }) {
  const t = useTranslations("distribute");
  const [state, action, pending] = useActionState<FormState, FormData>(createInvites, {});
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid"));
  const segmentError = state.fieldErrors?.segment;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="studyId" value={studyId} />
      <div aria-live="polite">
        {state.ok && state.data ? (
          <div className="alert ok">
            {t("invites.created", { count: Number(state.data.count) })}{" "}
            <a href={`/studies/${studyId}/distribute/invites?batch=${state.data.batch}`} download>
              {t("invites.downloadNew")}
            </a>
          </div>
        ) : state.message ? (
          <div className="alert error">{describe(state.message)}</div>
        ) : null}
      </div>
      <div className="grid cols-3">
        <Field
          name="count"
          type="number"
          label={t("invites.count")}
          hint={t("invites.countHint")}
          defaultValue={state.ok ? "" : (state.values?.count ?? "")}
          errors={state.fieldErrors?.count}
          describeError={describe}
          required
        />
        {segments.length > 0 && (
          <div className="field">
            <label htmlFor="invite-segment">{t("invites.segment")}</label>
            <select
              id="invite-segment"
              name="segment"
              defaultValue={state.values?.segment ?? ""}
              aria-invalid={segmentError ? true : undefined}
              aria-describedby={segmentError ? "invite-segment-error" : undefined}
            >
              <option value="">{t("invites.noSegment")}</option>
              {segments.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            {segmentError && (
              <div className="field-error" id="invite-segment-error">
                {segmentError.map(describe).join(" ")}
              </div>
            )}
          </div>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("invites.create")}
      </button>
    </form>
  );
}
