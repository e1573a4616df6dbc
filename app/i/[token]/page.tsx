import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findResumable, listAnswers, listCauseAnswers } from "@/db/queries/responses";
import { findVersion } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { localeNames, type Locale } from "@/lib/i18n/locales";
import { textIn, type LocalizedText } from "@/lib/i18n/localized-text";
import { causeStatementsOf, stepsFor } from "@/lib/internal-survey/steps";
import { chooseLanguage, resolveInternalLink, resumeCookieName } from "@/lib/internal-survey/session";
import { RatingFieldset } from "@/ui/internal-survey/rating-fieldset";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata = { robots: { index: false } };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function InternalSurveyPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const db = getDb();
  const state = await resolveInternalLink(db, token);
  const acceptLanguage = (await headers()).get("accept-language");
  const languages: Locale[] = state.status === "unknown" ? ["en", "zh-Hant", "zh-Hans"] : state.languages;
  const locale = chooseLanguage(languages, one(query.lang), acceptLanguage);
  const t = await getTranslations({ locale, namespace: "internal" });

  if (state.status !== "open") {
    return (
      <main className="survey-shell" lang={locale}>
        <div className="card">
          <h1>{state.status === "unknown" ? t("unknownTitle") : t("unpublishedTitle")}</h1>
          <p>{state.status === "unknown" ? t("unknownText") : t("unpublishedText")}</p>
        </div>
      </main>
    );
  }

  const cookie = (await cookies()).get(resumeCookieName(state.link.id))?.value;
  const response = cookie ? await findResumable(db, state.link.id, hashToken(cookie)) : undefined;
  const version = (response && (await findVersion(db, state.study.id, response.versionId))) || state.version;
  const snapshot = version.snapshot;
  const text = (value: LocalizedText | undefined) => textIn(value, locale, snapshot.languages);
  const role = t(`role.${state.perspective}`);
  const shell = (body: React.ReactNode) => (
    <main className="survey-shell" lang={locale}>
      <header>
        <p className="muted small">{t("for", { provider: snapshot.provider, study: state.study.name })}</p>
        <h1>{role}</h1>
        {languages.length > 1 && (
          <nav className="actions small" aria-label={t("language")}>
            {languages.map((l) => (
              <a key={l} href={`/i/${token}?lang=${l}`} aria-current={l === locale ? "true" : undefined} lang={l}>
                {localeNames[l]}
              </a>
            ))}
          </nav>
        )}
      </header>
      {body}
    </main>
  );

  if (one(query.done) || response?.status === "submitted") {
    return shell(
      <div className="card">
        <h2>{t("thanksTitle")}</h2>
        <p>{t("thanksText")}</p>
      </div>,
    );
  }

  const steps = stepsFor(snapshot, state.perspective);
  const requested = Number(one(query.step) ?? response?.step ?? 0);
  const stepIndex = Number.isInteger(requested) && requested >= 0 && requested < steps.length ? requested : 0;
  const step = steps[stepIndex];
  const [answers, causes] = response
    ? await Promise.all([listAnswers(db, state.study.id, response.id), listCauseAnswers(db, response.id)])
    : [[], []];
  const saved = new Map(answers.map((a) => [a.itemId, a.rating]));
  const savedCauses = new Map(causes.map((c) => [c.statementKey, c.rating]));
  const showMissing = Boolean(one(query.missing));
  const percent = Math.round((stepIndex / steps.length) * 100);
  const isLast = stepIndex === steps.length - 1;

  return shell(
    <>
      {stepIndex === 0 && <p>{t(`intro.${state.perspective}`)}</p>}
      <p className="small muted" id="progress-label">
        {t("progress", { step: stepIndex + 1, steps: steps.length })}
      </p>
      <div
        className="survey-progress"
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {showMissing && (
        <div className="alert error" role="alert">
          {t("missing")}
        </div>
      )}
      <form method="post" action={`/i/${token}/step`}>
        <input type="hidden" name="step" value={stepIndex} />
        <input type="hidden" name="lang" value={locale} />
        {step.kind === "criterion" ? (
          <>
            <h2>{text(snapshot.criteria[step.index].name)}</h2>
            <p className="muted small">{t(`prompt.${state.perspective}`)}</p>
            {snapshot.criteria[step.index].items.map((item) => (
              <RatingFieldset
                key={item.id}
                name={`item:${item.id}`}
                legend={text(item.text)}
                scale={snapshot.scale}
                value={saved.has(item.id) ? saved.get(item.id) : undefined}
                lowLabel={t("low")}
                highLabel={t("high")}
                naLabel={t("na")}
                invalid={showMissing && !saved.has(item.id)}
                invalidText={t("answerThis")}
              />
            ))}
          </>
        ) : (
          <>
            <h2>{t("causesTitle")}</h2>
            <p className="muted small">{t("causesIntro")}</p>
            {causeStatementsOf(state.perspective).map((statement) => (
              <RatingFieldset
                key={statement.id}
                name={`cause:${statement.id}`}
                legend={text(statement.text)}
                scale={snapshot.scale}
                value={savedCauses.has(statement.id) ? savedCauses.get(statement.id) : undefined}
                lowLabel={t("disagree")}
                highLabel={t("agree")}
                naLabel={t("na")}
                invalid={showMissing && !savedCauses.has(statement.id)}
                invalidText={t("answerThis")}
              />
            ))}
          </>
        )}
        <div className="actions">
          {stepIndex > 0 && (
            <button type="submit" name="intent" value="back" className="button secondary" formNoValidate>
              {t("back")}
            </button>
          )}
          <button type="submit" name="intent" value="next" className="button">
            {isLast ? t("submit") : t("next")}
          </button>
        </div>
      </form>
    </>,
  );
}
