"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useDesignForms, weightsFormId } from "./design-forms";

export type WeightRow = { id: string; name: string; definition: string; weight: number };

/**
 * The 100-point split. The live sum runs the same weightSplitSchema the
 * server action validates with; without JavaScript the form still posts and
 * the server answers with the same message. The publish panel's button
 * submits this form too (see design-forms.tsx).
 */
export function WeightsEditor({ studyId, rows }: { studyId: string; rows: WeightRow[] }) {
  const t = useTranslations("study.weights");
  const te = useTranslations("errors");
  const format = useFormatter();
  const { state, action, pending, values, setValue, numbers, valid, dirty } = useDesignForms();
  const allNumbers = numbers.every((n) => Number.isFinite(n));
  const sum = numbers.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  // Four decimals: a sum of 100.001 must not read as 100.
  const n = (x: number) => format.number(Math.round(x * 10000) / 10000, { maximumFractionDigits: 4 });
  let status: string;
  if (!allNumbers) status = t("sumIncomplete", { sum: n(sum) });
  else if (numbers.some((x) => x < 0)) status = t("sumNegative", { sum: n(sum) });
  else if (valid) status = t("sumOk", { sum: n(sum) });
  else if (sum < 100) status = t("sumLeft", { sum: n(sum), left: n(100 - sum) });
  else status = t("sumOver", { sum: n(sum), over: n(sum - 100) });

  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));

  return (
    <form action={action} noValidate className="weights-form" id={weightsFormId}>
      <input type="hidden" name="studyId" value={studyId} />
      <ol className="weight-rows">
        {rows.map((row, index) => {
          const id = `weight-${row.id}`;
          const errors = state.fieldErrors?.[row.id];
          const share = Math.max(0, Math.min(100, numbers[index] || 0));
          return (
            <li key={row.id} className="weight-row">
              <div className="weight-text">
                <label htmlFor={id} className="weight-name">
                  {row.name}
                </label>
                {row.definition && (
                  <p className="muted small" id={`${id}-definition`}>
                    {row.definition}
                  </p>
                )}
              </div>
              <div className="weight-input">
                <div className="points-input">
                  <input
                    id={id}
                    name={`weight:${row.id}`}
                    type="number"
                    inputMode="decimal"
                    step="0.01"
                    min="0"
                    max="100"
                    value={values[row.id] ?? ""}
                    onChange={(event) => setValue(row.id, event.target.value)}
                    aria-invalid={errors?.length ? true : undefined}
                    aria-describedby={
                      [row.definition ? `${id}-definition` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined
                    }
                  />
                  <span aria-hidden="true">{t("pointsUnit")}</span>
                </div>
                <div className="share-bar" aria-hidden="true">
                  <span style={{ width: `${share}%` }} />
                </div>
                {errors?.length ? (
                  <div className="field-error" id={`${id}-error`}>
                    {errors.map(describe).join(" ")}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <div className={`weight-sum ${valid ? "is-ok" : "is-bad"}`} role="status" aria-live="polite" data-testid="weight-sum">
        {valid ? "✓ " : ""}
        {status}
      </div>
      <div aria-live="polite">
        {state.message && !pending && state.intent !== "publish" ? (
          <div className={`alert ${state.ok ? "ok" : "error"}`}>{state.ok ? t(state.message) : describe(state.message)}</div>
        ) : null}
        {state.intent === "publish" && (state.message === "publishWeights" || state.message === "publishStale") && !pending ? (
          <div className="alert error">{t(`errors.${state.message}`)}</div>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button" disabled={pending}>
          {t("save")}
        </button>
        <button type="submit" name="intent" value="equal" className="button secondary" disabled={pending}>
          {t("splitEqually")}
        </button>
        {dirty && <span className="muted small">{t("unsaved")}</span>}
      </div>
    </form>
  );
}
