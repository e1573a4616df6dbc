"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveTimeZone } from "@/app/(manage)/settings/actions";
import type { FormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/ui/forms/form-message";

/** The workspace's time zone: a list of the runtime's IANA zones, UTC first. Works without JavaScript. */
export function TimeZoneForm({ current, choices }: { current: string; choices: string[] }) {
  const t = useTranslations("settings.timeZone");
  const [state, action, pending] = useActionState<FormState, FormData>(saveTimeZone, {});
  const error = state.fieldErrors?.timeZone?.[0];
  return (
    <form action={action} noValidate>
      <FormMessage tone="ok" message={state.ok ? t("saved") : undefined} />
      <div className="field">
        <label htmlFor="time-zone">{t("label")}</label>
        <select
          id="time-zone"
          name="timeZone"
          defaultValue={state.values?.timeZone ?? current}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "time-zone-error" : "time-zone-hint"}
        >
          {choices.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <div className="hint" id="time-zone-hint">
          {t("hint")}
        </div>
        {error && (
          <div className="field-error" id="time-zone-error">
            {t("invalid")}
          </div>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
