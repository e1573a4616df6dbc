"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveMailTemplate } from "@/app/(manage)/studies/[id]/distribute/campaign-actions";
import { mailTemplateLimits, mailTemplateParts, templateField, type MailTemplatePart } from "@/lib/campaigns/mail-template-form";
import type { FormState } from "@/lib/forms/form-state";
import type { Locale } from "@/lib/i18n/locales";

export type TemplateLanguage = {
  language: Locale;
  name: string;
  /** What is saved (empty: the default). */
  saved: Record<MailTemplatePart, string>;
  /** The default wording, shown as the placeholder. */
  defaults: Record<MailTemplatePart, string>;
};

/** The invitation's subject, introduction and button text per study language; an empty field keeps the default shown in grey. */
export function MailTemplateForm({ studyId, languages }: { studyId: string; languages: TemplateLanguage[] }) {
  const t = useTranslations("campaigns");
  const [state, action, pending] = useActionState<FormState, FormData>(saveMailTemplate, {});
  const describe = (code: string, part: MailTemplatePart) =>
    t.has(`errors.${code}`) ? t(`errors.${code}`, { max: mailTemplateLimits[part] }) : t("errors.invalid");
  return (
    <form action={action} noValidate>
      <input type="hidden" name="studyId" value={studyId} />
      <div aria-live="polite">
        {state.ok ? (
          <div className="alert ok" role="status">
            {t("template.saved")}
          </div>
        ) : state.message ? (
          <div className="alert error">{t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t("errors.invalid")}</div>
        ) : state.fieldErrors ? (
          <div className="alert error">{t("template.fix")}</div>
        ) : null}
      </div>
      <div className="template-languages">
        {languages.map(({ language, name, saved, defaults }) => (
          <fieldset key={language} className="template-language" lang={language}>
            <legend>{name}</legend>
            {mailTemplateParts.map((part) => {
              const field = templateField(part, language);
              const id = `template-${part}-${language}`;
              const errors = state.fieldErrors?.[field];
              const value = state.ok ? saved[part] : (state.values?.[field] ?? saved[part]);
              const hintId = `${id}-hint`;
              const errorId = `${id}-error`;
              const common = {
                id,
                name: field,
                defaultValue: value,
                placeholder: defaults[part],
                maxLength: mailTemplateLimits[part],
                "aria-invalid": errors?.length ? true : undefined,
                "aria-describedby": [hintId, errors?.length ? errorId : null].filter(Boolean).join(" "),
              };
              return (
                <div className="field" key={part}>
                  <label htmlFor={id}>{t(`template.fields.${part}`)}</label>
                  {part === "intro" ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
                  <div className="hint" id={hintId}>
                    {t("template.limit", { max: mailTemplateLimits[part] })}
                  </div>
                  {errors?.length ? (
                    <div className="field-error" id={errorId}>
                      {errors.map((code) => describe(code, part)).join(" ")}
                    </div>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("template.save")}
      </button>
    </form>
  );
}
