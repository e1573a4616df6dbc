import { createTranslator } from "next-intl";
import { getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import type { LocalizedText } from "@/lib/i18n/localized-text";

type PreviewCriterion = { id: string; name: LocalizedText; items: { id: string; text: LocalizedText }[] };

type Props = {
  language: string;
  provider: string;
  scale: number;
  askImportance: boolean;
  criteria: PreviewCriterion[];
};

/**
 * The questionnaire laid out as the customer's survey shows it: one criterion
 * per section, each statement rated twice (expected from an excellent
 * provider, experienced here) on 1…L with N/A. Read-only: nothing is sent.
 */
export async function QuestionnairePreview({ language, provider, scale, askImportance, criteria }: Props) {
  // The customer's language, not the manager's: the request's own messages are in the latter.
  const locale = isLocale(language) ? language : "en";
  const translate = createTranslator({ locale, messages: loadMessages(locale) });
  const t = (key: string, values?: Record<string, string | number>) => translate(`study.customer.${key}` as never, values as never);
  const tm = await getTranslations("study.preview");
  const points = Array.from({ length: scale }, (_, i) => i + 1);
  // Only the previewed language: a missing translation is shown as missing, not replaced.
  const text = (value: LocalizedText) => (isLocale(language) ? value[language] : undefined);
  const missing = <span className="missing">{tm("missing")}</span>;
  const totalSteps = criteria.length + (askImportance ? 1 : 0);

  const ratingRow = (itemId: string, kind: "expected" | "perceived", label: string) => (
    <fieldset className={`pv-rate-row ${kind}`}>
      <legend>{label}</legend>
      <div className="pv-rate-options">
        {points.map((p) => (
          <label key={p} className="pv-rate-option">
            <input type="radio" name={`${kind}-${itemId}`} value={p} />
            <span>{p}</span>
          </label>
        ))}
        <label className="pv-rate-option na">
          <input type="radio" name={`${kind}-${itemId}`} value="na" />
          <span>{t("notApplicable")}</span>
        </label>
      </div>
    </fieldset>
  );

  return (
    <div className="survey-preview" lang={language}>
      <header className="pv-intro">
        <p className="eyebrow">{provider}</p>
        <h2>{t("title", { provider })}</h2>
        <p>{t("intro", { provider })}</p>
        <p className="pv-scale-legend">{t("scaleLegend", { max: scale })}</p>
      </header>
      {criteria.map((criterion, index) => (
        <section key={criterion.id} className="pv-section" aria-labelledby={`preview-${criterion.id}`}>
          <div className="pv-progress">
            <span>{t("progress", { step: index + 1, total: totalSteps })}</span>
            <span className="pv-progress-track" aria-hidden="true">
              <span style={{ width: `${((index + 1) / totalSteps) * 100}%` }} />
            </span>
          </div>
          <h3 id={`preview-${criterion.id}`}>{text(criterion.name) || missing}</h3>
          <ol className="pv-items">
            {criterion.items.map((item) => (
              <li key={item.id} className="pv-item">
                <p className="pv-statement">{text(item.text) || missing}</p>
                <div className="pv-rate-pair">
                  {ratingRow(item.id, "expected", t("expected"))}
                  {ratingRow(item.id, "perceived", t("perceived"))}
                </div>
              </li>
            ))}
          </ol>
          <div className="field">
            <label htmlFor={`comment-${criterion.id}`}>{t("comment")}</label>
            <textarea id={`comment-${criterion.id}`} rows={2} />
          </div>
        </section>
      ))}
      {askImportance && (
        <section className="pv-section" aria-labelledby="preview-importance">
          <div className="pv-progress">
            <span>{t("progress", { step: totalSteps, total: totalSteps })}</span>
            <span className="pv-progress-track" aria-hidden="true">
              <span style={{ width: "100%" }} />
            </span>
          </div>
          <h3 id="preview-importance">{t("importanceTitle")}</h3>
          <p>{t("importanceIntro")}</p>
          <div className="pv-importance-grid">
            {criteria.map((criterion) => (
              <div className="field" key={criterion.id}>
                <label htmlFor={`importance-${criterion.id}`}>{text(criterion.name) || missing}</label>
                <input id={`importance-${criterion.id}`} type="number" min={0} max={100} step={1} inputMode="numeric" />
              </div>
            ))}
          </div>
        </section>
      )}
      <div className="pv-submit">
        <button type="button" className="button" disabled>
          {t("submit")}
        </button>
        <span className="muted small">{tm("notSent")}</span>
      </div>
    </div>
  );
}
