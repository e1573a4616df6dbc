"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addBranchLink } from "@/app/(manage)/studies/[id]/distribute/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";

type Props = {
  studyId: string;
  /** The study's segments that have no live branch link yet. */
  unlinked: string[];
  /** Whether the study lists any segment (else there is nothing to choose from). */
  hasSegments: boolean;
};

/** Adds a branch link: a segment picked from the study's list, or a new one typed (which wins). */
export function BranchLinkForm({ studyId, unlinked, hasSegments }: Props) {
  const t = useTranslations("distribute.branchLinks");
  const [state, action, pending] = useActionState<FormState, FormData>(addBranchLink, {});
  const segment = state.data?.segment ?? "";
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`, { segment }) : t("errors.invalid"));
  const segmentError = state.fieldErrors?.segment;
  const choosing = unlinked.length > 0;
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} noValidate className="branch-link-form">
      <input type="hidden" name="studyId" value={studyId} />
      <div aria-live="polite">
        {state.ok ? (
          <div className="alert ok">{t(state.data?.added ? "addedNew" : "added", { segment })}</div>
        ) : state.message ? (
          <div className="alert error">{describe(state.message)}</div>
        ) : null}
      </div>
      <div className="grid cols-2">
        {choosing ? (
          <div className="field">
            <label htmlFor="branch-segment">{t("segment")}</label>
            <select
              id="branch-segment"
              name="segment"
              defaultValue={values.segment ?? ""}
              key={state.ok ? `done-${state.data?.linkId}` : "form"}
              aria-invalid={segmentError ? true : undefined}
              aria-describedby={segmentError ? "branch-segment-error" : undefined}
            >
              <option value="">{t("choose")}</option>
              {unlinked.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            {segmentError && (
              <div className="field-error" id="branch-segment-error">
                {segmentError.map(describe).join(" ")}
              </div>
            )}
          </div>
        ) : (
          hasSegments && <p className="muted small">{t("allLinked")}</p>
        )}
        <Field
          key={state.ok ? `new-${state.data?.linkId}` : "new"}
          name="newSegment"
          label={choosing ? t("newSegment") : t("segment")}
          hint={t("newSegmentHint")}
          defaultValue={values.newSegment ?? ""}
          // Without a list to choose from, "choose a branch" belongs to this field.
          errors={state.fieldErrors?.newSegment ?? (choosing ? undefined : segmentError)}
          describeError={describe}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("add")}
      </button>
    </form>
  );
}
