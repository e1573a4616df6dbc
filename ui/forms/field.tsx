type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  /**
   * The hint states the rule an error would repeat ("At least 10 characters"):
   * while the field shows an error, the error alone is shown.
   */
  hintIsRule?: boolean;
  autoComplete?: string;
  required?: boolean;
  /** Translates an error code into the message shown beside the field. */
  describeError: (code: string) => string;
};

/** A labelled input with its hint and errors wired through aria-describedby. */
export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  errors,
  hint: givenHint,
  hintIsRule,
  autoComplete,
  required,
  describeError,
}: FieldProps) {
  const hint = hintIsRule && errors?.length ? undefined : givenHint;
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
      {errors?.length ? (
        <div className="field-error" id={errorId}>
          {errors.map(describeError).join(" ")}
        </div>
      ) : null}
    </div>
  );
}
