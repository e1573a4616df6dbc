import { languageName } from "@/lib/i18n/locales";

type Props = {
  /** Field names are `<prefix>.<language>`. */
  prefix: string;
  idBase: string;
  label: string;
  languages: string[];
  values?: Partial<Record<string, string>>;
  errors?: Record<string, string[]>;
  describeError: (code: string) => string;
  multiline?: boolean;
  required?: boolean;
  hint?: string;
  /** Shown greyed in an empty field: what an empty field stands for (a default). */
  placeholders?: Partial<Record<string, string>>;
};

/** One labelled input per study language (works in server and client components). */
export function LocalizedFields({ prefix, idBase, label, languages, values, errors, describeError, multiline, required, hint, placeholders }: Props) {
  return (
    <fieldset className="localized-fields">
      <legend>{label}</legend>
      {hint && <p className="hint">{hint}</p>}
      <div className={`item-texts cols-${Math.min(languages.length, 3)}`}>
        {languages.map((language) => {
          const id = `${idBase}-${prefix}-${language}`;
          const fieldErrors = errors?.[`${prefix}.${language}`];
          const common = {
            id,
            name: `${prefix}.${language}`,
            lang: language,
            defaultValue: values?.[language] ?? "",
            placeholder: placeholders?.[language],
            maxLength: 500,
            required,
            "aria-invalid": fieldErrors?.length ? true : undefined,
          } as const;
          return (
            <div className="field" key={language}>
              <label htmlFor={id} className="lang-label">
                <span className="visually-hidden">{label}, </span>
                {languageName(language)}
              </label>
              {multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
              {fieldErrors?.length ? <div className="field-error">{fieldErrors.map(describeError).join(" ")}</div> : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
