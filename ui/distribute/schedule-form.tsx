"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveSchedule } from "@/app/(manage)/studies/[id]/distribute/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

/** Open and close times (in the workspace's zone) and the response limit; empty means no limit. */
export function ScheduleForm({
  studyId,
  zone,
  opensAt,
  closesAt,
  responseLimit,
}: {
  studyId: string;
  zone: string;
  opensAt: string;
  closesAt: string;
  responseLimit: string;
}) {
  const t = useTranslations("distribute");
  const [state, action, pending] = useActionState<FormState, FormData>(saveSchedule, {});
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid"));
  const value = (name: string, saved: string) => (state.ok ? saved : (state.values?.[name] ?? saved));
  return (
    <form action={action} noValidate>
      <input type="hidden" name="studyId" value={studyId} />
      {state.ok ? (
        <FormMessage tone="ok" message={t("schedule.saved")} />
      ) : (
        <FormMessage message={state.message ? describe(state.message) : undefined} />
      )}
      <div className="grid cols-3">
        <Field
          name="opensAt"
          type="datetime-local"
          label={t("schedule.opensAt", { zone })}
          defaultValue={value("opensAt", opensAt)}
          errors={state.fieldErrors?.opensAt}
          describeError={describe}
        />
        <Field
          name="closesAt"
          type="datetime-local"
          label={t("schedule.closesAt", { zone })}
          defaultValue={value("closesAt", closesAt)}
          errors={state.fieldErrors?.closesAt}
          describeError={describe}
        />
        <Field
          name="responseLimit"
          type="number"
          label={t("schedule.responseLimit")}
          hint={t("schedule.responseLimitHint")}
          defaultValue={value("responseLimit", responseLimit)}
          errors={state.fieldErrors?.responseLimit}
          describeError={describe}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("schedule.save")}
      </button>
    </form>
  );
}
