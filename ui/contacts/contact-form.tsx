"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addContactAction, saveContactAction } from "@/app/(manage)/contacts/actions";
import type { FormState } from "@/lib/forms/form-state";
import { localeNames, locales } from "@/lib/i18n/locales";
import { Field } from "@/ui/forms/field";
import { FormMessage } from "@/ui/forms/form-message";

export type ContactValues = { email: string; name: string; phone: string; language: string; segment: string; externalId: string };

const blank: ContactValues = { email: "", name: "", phone: "", language: "", segment: "", externalId: "" };

type Props =
  /** A new contact; the form empties after each one it adds. */
  | { mode: "add"; segments: string[] }
  /** A stored contact's fields. */
  | { mode: "edit"; id: string; contact: ContactValues; segments: string[] };

/** The fields of a contact, to add one or to edit one; works without JavaScript (a server action). */
export function ContactForm(props: Props) {
  const t = useTranslations("contacts.form");
  const tc = useTranslations("contacts");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<FormState, FormData>(props.mode === "add" ? addContactAction : saveContactAction, {});
  const describe = (code: string) => (t.has(code) ? t(code) : te.has(code) ? te(code) : te("invalid"));
  // After an add the form starts afresh; after an edit or a refusal it shows what was sent (or saved).
  const stored = props.mode === "edit" ? props.contact : blank;
  const values: ContactValues = props.mode === "add" && state.ok ? blank : { ...stored, ...state.values };
  const errors = state.fieldErrors ?? {};
  const listId = `segments-${props.mode}`;
  return (
    <form action={action} noValidate>
      {props.mode === "edit" && <input type="hidden" name="id" value={props.id} />}
      {state.ok ? (
        <FormMessage tone="ok" message={t(state.message === "added" ? "added" : "saved")} />
      ) : (
        <FormMessage message={state.message ? describe(state.message) : undefined} />
      )}
      {state.ok && props.mode === "add" && state.data?.id && (
        <p className="small">
          <Link href={`/contacts/${state.data.id}`}>{state.data.email}</Link>
        </p>
      )}
      {/* A key per saved state: inputs show the new defaults after an add or a save. */}
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 300px), 1fr))" }} key={JSON.stringify(values)}>
        <Field
          name="email"
          type="email"
          label={t("email")}
          defaultValue={values.email}
          errors={errors.email}
          describeError={describe}
          autoComplete="off"
          required
        />
        <Field name="name" label={t("name")} defaultValue={values.name} errors={errors.name} describeError={describe} autoComplete="off" />
        <Field name="phone" label={t("phone")} defaultValue={values.phone} errors={errors.phone} describeError={describe} autoComplete="off" />
        <div className="field">
          <label htmlFor={`contact-language-${props.mode}`}>{t("language")}</label>
          <select
            id={`contact-language-${props.mode}`}
            name="language"
            defaultValue={values.language}
            aria-describedby={`contact-language-${props.mode}-hint`}
            aria-invalid={errors.language?.length ? true : undefined}
          >
            <option value="">{tc("languageNone")}</option>
            {locales.map((locale) => (
              <option key={locale} value={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </select>
          <div className="hint" id={`contact-language-${props.mode}-hint`}>
            {t("languageHint")}
          </div>
          {errors.language?.length ? <div className="field-error">{errors.language.map(describe).join(" ")}</div> : null}
        </div>
        <div className="field">
          <label htmlFor={`contact-segment-${props.mode}`}>{t("segment")}</label>
          <input
            id={`contact-segment-${props.mode}`}
            name="segment"
            type="text"
            defaultValue={values.segment}
            list={listId}
            autoComplete="off"
            aria-describedby={`contact-segment-${props.mode}-hint`}
            aria-invalid={errors.segment?.length ? true : undefined}
          />
          <datalist id={listId}>
            {props.segments.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="hint" id={`contact-segment-${props.mode}-hint`}>
            {t("segmentHint")}
          </div>
          {errors.segment?.length ? <div className="field-error">{errors.segment.map(describe).join(" ")}</div> : null}
        </div>
        <Field
          name="externalId"
          label={t("externalId")}
          defaultValue={values.externalId}
          errors={errors.externalId}
          describeError={describe}
          autoComplete="off"
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {props.mode === "add" ? t("add") : t("save")}
      </button>
    </form>
  );
}
