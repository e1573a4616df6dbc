/**
 * One question with one rating 1…L and "not applicable", as plain radio
 * buttons: works without JavaScript, keyboard-usable, labelled ends.
 */
export function RatingFieldset({
  name,
  legend,
  scale,
  value,
  lowLabel,
  highLabel,
  naLabel,
  invalid,
  invalidText,
}: {
  name: string;
  legend: string;
  scale: number;
  value: number | null | undefined;
  lowLabel: string;
  highLabel: string;
  naLabel: string;
  invalid: boolean;
  invalidText: string;
}) {
  const id = name.replace(/[^\w-]/g, "_");
  return (
    <fieldset className="rating" aria-describedby={invalid ? `${id}-error` : undefined} data-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {invalid && (
        <p className="field-error" id={`${id}-error`}>
          {invalidText}
        </p>
      )}
      <p className="rating-hint" aria-hidden="true">
        1 = {lowLabel} · {scale} = {highLabel}
      </p>
      <div className="rating-scale">
        <span className="rating-end" aria-hidden="true">
          {lowLabel}
        </span>
        <div className="rating-options">
          {Array.from({ length: scale }, (_, i) => i + 1).map((n) => (
            <label key={n} className="rating-option">
              <input type="radio" name={name} value={n} defaultChecked={value === n} />
              <span>
                {n}
                {n === 1 && <span className="visually-hidden"> ({lowLabel})</span>}
                {n === scale && <span className="visually-hidden"> ({highLabel})</span>}
              </span>
            </label>
          ))}
          <label className="rating-option na">
            <input type="radio" name={name} value="na" defaultChecked={value === null} />
            <span>{naLabel}</span>
          </label>
        </div>
        <span className="rating-end" aria-hidden="true">
          {highLabel}
        </span>
      </div>
    </fieldset>
  );
}
