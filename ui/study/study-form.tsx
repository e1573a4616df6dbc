"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { createStudyAction, updateSettingsAction } from "@/app/(manage)/studies/actions";
import type { FormState } from "@/lib/forms/form-state";
import { localeNames, locales } from "@/lib/i18n/locales";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

type Option = { key: string; name: string; description?: string };

type Props = {
  industries: Option[];
  frameworks: Option[];
  /** Editing an existing study: its id and current settings; the framework is then fixed. */
  study?: {
    id: string;
    name: string;
    provider: string;
    /** The provider's own name per language, where it has one. */
    providerNames?: Partial<Record<string, string>> | null;
    industry: string;
    languages: string[];
    scale: number;
    askImportance: boolean;
    segments: string[];
    frameworkName: string;
  };
};

/** Creates a study or edits its settings. A plain form: works with JavaScript off. */
export function StudyForm({ industries, frameworks, study }: Props) {
  const t = useTranslations("study.form");
  const te = useTranslations("errors");
  const locale = useLocale();
  const [state, action, pending] = useActionState<FormState, FormData>(study ? updateSettingsAction : createStudyAction, {});
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));
  const v = state.values;
  const languages = v ? v.languages.split(",").filter(Boolean) : (study?.languages ?? [locale]);
  const scale = v?.scale ?? String(study?.scale ?? 7);
  const framework = v?.framework ?? "gronroos";
  const askImportance = v ? v.askImportance === "on" : (study?.askImportance ?? false);
  const errorsOf = (name: string) => state.fieldErrors?.[name];
  const errorLine = (name: string) =>
    errorsOf(name)?.length ? (
      <div className="field-error" id={`${name}-error`}>
        {errorsOf(name)!.map(describe).join(" ")}
      </div>
    ) : null;

  return (
    <form action={action} noValidate className="study-form">
      {study && <input type="hidden" name="studyId" value={study.id} />}
      <FormMessage message={state.message ? describe(state.message) : undefined} />

      <div className="grid cols-2">
        <Field
          name="name"
          label={t("name")}
          hint={t("nameHint")}
          defaultValue={v?.name ?? study?.name}
          errors={errorsOf("name")}
          describeError={describe}
          required
        />
        <Field
          name="provider"
          label={t("provider")}
          hint={t("providerHint")}
          defaultValue={v?.provider ?? study?.provider}
          errors={errorsOf("provider")}
          describeError={describe}
          required
        />
      </div>

      {study && study.languages.length > 0 && (
        <div className="grid cols-2">
          {study.languages.map((language) => (
            <Field
              key={language}
              name={`providerNames.${language}`}
              label={t("providerIn", { language: localeNames[language as keyof typeof localeNames] ?? language })}
              hint={t("providerInHint")}
              defaultValue={v ? v[`providerNames.${language}`] : (study.providerNames?.[language] ?? "")}
              errors={errorsOf(`providerNames.${language}`)}
              describeError={describe}
            />
          ))}
        </div>
      )}

      <div className="grid cols-2">
        <div className="field">
          <label htmlFor="field-industry">{t("industry")}</label>
          <select id="field-industry" name="industry" defaultValue={v?.industry ?? study?.industry ?? "generic"} aria-describedby="industry-hint">
            {industries.map((industry) => (
              <option key={industry.key} value={industry.key}>
                {industry.name}
              </option>
            ))}
          </select>
          <div className="hint" id="industry-hint">
            {t("industryHint")}
          </div>
          {errorLine("industry")}
        </div>

        <fieldset className="field choice-group" aria-describedby="languages-hint">
          <legend className="label">{t("languages")}</legend>
          <div className="choice-row">
            {locales.map((language) => (
              <label key={language} className="checkbox choice">
                <input type="checkbox" name="languages" value={language} defaultChecked={languages.includes(language)} />
                <span lang={language}>{localeNames[language]}</span>
              </label>
            ))}
          </div>
          <div className="hint" id="languages-hint">
            {t("languagesHint")}
          </div>
          {errorLine("languages")}
        </fieldset>
      </div>

      <fieldset className="field choice-group">
        <legend className="label">{t("scale")}</legend>
        <div className="choice-cards cols-2">
          {(["7", "5"] as const).map((value) => (
            <label key={value} className="choice-card">
              <input type="radio" name="scale" value={value} defaultChecked={scale === value} />
              <span>
                <strong>{t(`scale${value}`)}</strong>
                <span className="muted small">{t(`scale${value}Hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        {study && <div className="hint">{t("scaleEditHint")}</div>}
        {errorLine("scale")}
      </fieldset>

      {study ? (
        <div className="field">
          <span className="label">{t("framework")}</span>
          <p>{study.frameworkName}</p>
          <div className="hint">{t("frameworkFixed")}</div>
        </div>
      ) : (
        <fieldset className="field choice-group">
          <legend className="label">{t("framework")}</legend>
          <div className="choice-cards cols-2">
            {frameworks.map((option) => (
              <label key={option.key} className="choice-card">
                <input type="radio" name="framework" value={option.key} defaultChecked={framework === option.key} />
                <span>
                  <strong>{option.name}</strong>
                  <span className="muted small">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
          {errorLine("framework")}
        </fieldset>
      )}

      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="askImportance" defaultChecked={askImportance} />
          {t("askImportance")}
        </label>
        <div className="hint">{t("askImportanceHint")}</div>
      </div>

      <div className="field">
        <label htmlFor="field-segments">{t("segments")}</label>
        <textarea
          id="field-segments"
          name="segments"
          rows={3}
          defaultValue={v?.segments ?? study?.segments.join("\n") ?? ""}
          aria-describedby="segments-hint"
          placeholder={t("segmentsPlaceholder")}
        />
        <div className="hint" id="segments-hint">
          {t("segmentsHint")}
        </div>
        {errorLine("segments")}
      </div>

      {study && <p className="alert info small">{t("editNotice")}</p>}

      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {study ? t("saveSettings") : t("create")}
        </button>
      </div>
    </form>
  );
}
