"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { regenerateAction } from "@/app/(manage)/studies/[id]/design/actions";
import type { DesignState } from "./design-state";

/** Regenerates one criterion (criterionId) or all; locked items always stay. */
export function RegenerateButton({
  studyId,
  criterionId,
  label,
  variant = "secondary",
}: {
  studyId: string;
  criterionId?: string;
  label: string;
  variant?: "primary" | "secondary";
}) {
  const t = useTranslations("study.items");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<DesignState, FormData>(regenerateAction, {});
  return (
    <form action={action} className="regenerate-form">
      <input type="hidden" name="studyId" value={studyId} />
      {criterionId && <input type="hidden" name="criterionId" value={criterionId} />}
      <button type="submit" className={`button small${variant === "secondary" ? " secondary" : ""}`} disabled={pending}>
        {pending ? t("regenerating") : label}
      </button>
      <span aria-live="polite" className="small muted">
        {!pending && state.message
          ? state.ok
            ? t(`done.${state.message}`, { kept: state.kept ?? 0, fresh: state.fresh ?? 0, count: state.count ?? 0 })
            : t.has(`errors.${state.message}`)
              ? t(`errors.${state.message}`)
              : te("invalid")
          : ""}
      </span>
    </form>
  );
}
