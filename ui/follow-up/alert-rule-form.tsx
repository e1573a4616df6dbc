"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveFollowUpSettings } from "@/app/(manage)/studies/[id]/distribute/alert-actions";
import type { FormState } from "@/lib/forms/form-state";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

type Props = {
  studyId: string;
  consentStep: boolean;
  threshold: string;
  criterion: string;
  criterionThreshold: string;
  /** Emails of the members the rule names. */
  notify: string[];
  criteria: { key: string; name: string }[];
  members: { email: string; name: string; role: "owner" | "manager" | "analyst" }[];
};

/** The consent step, the alert thresholds and who is mailed; a plain form post without JavaScript. */
export function AlertRuleForm(props: Props) {
  const t = useTranslations("alerts");
  const [state, action, pending] = useActionState<FormState, FormData>(saveFollowUpSettings, {});
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid"));
  const echoed = state.ok ? undefined : state.values;
  const value = (name: string, saved: string) => echoed?.[name] ?? saved;
  const notified = new Set(echoed ? (echoed.notify ?? "").split("\n").filter(Boolean) : props.notify);
  const consent = echoed ? echoed.consentStep === "on" : props.consentStep;
  const errorLine = (name: string) =>
    state.fieldErrors?.[name]?.length ? (
      <div className="field-error" id={`alerts-${name}-error`}>
        {state.fieldErrors[name].map(describe).join(" ")}
      </div>
    ) : null;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="studyId" value={props.studyId} />
      {state.ok ? <FormMessage tone="ok" message={t("saved")} /> : <FormMessage message={state.message ? describe(state.message) : undefined} />}
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="consentStep" defaultChecked={consent} aria-describedby="alerts-consent-hint" key={`consent-${consent}`} />
          {t("consent")}
        </label>
        <div className="hint" id="alerts-consent-hint">
          {t("consentHint")}
        </div>
      </div>
      <Field
        name="threshold"
        type="text"
        label={t("threshold")}
        hint={t("thresholdHint")}
        defaultValue={value("threshold", props.threshold)}
        errors={state.fieldErrors?.threshold}
        describeError={describe}
      />
      <fieldset className="field choice-group">
        <legend className="label">{t("criterion")}</legend>
        <div className="grid cols-2">
          <div className="field">
            <label htmlFor="field-criterion">{t("criterionLabel")}</label>
            <select
              id="field-criterion"
              name="criterion"
              defaultValue={value("criterion", props.criterion)}
              aria-invalid={state.fieldErrors?.criterion ? true : undefined}
              aria-describedby={state.fieldErrors?.criterion ? "alerts-criterion-error" : undefined}
            >
              <option value="">{t("criterionNone")}</option>
              {props.criteria.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.name}
                </option>
              ))}
            </select>
            {errorLine("criterion")}
          </div>
          <Field
            name="criterionThreshold"
            type="text"
            label={t("criterionThreshold")}
            defaultValue={value("criterionThreshold", props.criterionThreshold)}
            errors={state.fieldErrors?.criterionThreshold}
            describeError={describe}
          />
        </div>
      </fieldset>
      <fieldset className="field choice-group" aria-describedby="alerts-notify-hint">
        <legend className="label">{t("notify")}</legend>
        {props.members.length === 0 ? (
          <p className="muted small">{t("noMembers")}</p>
        ) : (
          <ul className="alert-members">
            {props.members.map((m) => (
              <li key={m.email}>
                <label className="checkbox">
                  <input type="checkbox" name="notify" value={m.email} defaultChecked={notified.has(m.email)} />
                  <span>
                    {m.name ? `${m.name} · ` : ""}
                    {m.email} <span className="muted small">({t(`role.${m.role}`)})</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <div className="hint" id="alerts-notify-hint">
          {t("notifyHint")}
        </div>
        {errorLine("notify")}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
