"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/ui/forms/copy-button";
import { useDesignForms, weightsFormId } from "./design-forms";
import type { DescribedProblem } from "./problem-list";

type Props = {
  studyId: string;
  problems: DescribedProblem[];
  nextVersion: number;
  /** The saved draft equals the latest version: publishing would copy it. */
  unchanged: boolean;
};

/**
 * Every reason the draft cannot be published yet, and the button that makes
 * the next version. The button submits the weights form (its `form`
 * attribute): the weights typed there are saved with the version, or the
 * publish is refused and says so — with or without JavaScript.
 */
export function PublishPanel({ studyId, problems, nextVersion, unchanged }: Props) {
  const t = useTranslations("study.publish");
  const { state: all, pending, valid, dirty } = useDesignForms();
  const state = all.intent === "publish" ? all : {};
  // Nothing to publish: the saved draft is the latest version and no weights are typed beside it.
  const nothingNew = unchanged && !dirty;
  return (
    <section className="card publish-panel" id="publish" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t("title")}</h2>
      <div aria-live="polite">
        {state.ok && state.version ? (
          <div className="alert ok" data-testid="published">
            <strong>{t("published", { version: state.version })}</strong>
            <div className="small">
              {t("surveyLink")}{" "}
              <a href={state.surveyUrl} target="_blank" rel="noreferrer">
                <code>{state.surveyUrl}</code>
              </a>{" "}
              {state.surveyUrl && <CopyButton text={state.surveyUrl} />}
            </div>
            <div className="small">
              <Link href={`/studies/${studyId}/distribute`}>{t("toDistribute")}</Link>
            </div>
          </div>
        ) : null}
        {!state.ok && state.message && !pending ? (
          <div className="alert error" data-testid="publish-refused">
            {state.message === "publishRefused"
              ? t("refused", { count: state.problemCount ?? problems.length })
              : state.message === "publishUnchanged"
                ? t("refusedUnchanged", { version: state.version ?? nextVersion - 1 })
                : state.message === "publishWeights"
                  ? t("refusedWeights")
                  : state.message === "publishStale"
                    ? t("refusedStale")
                    : t("failed")}
          </div>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <div className="problems">
          <p className="small">
            <strong>{t("problemsTitle", { count: problems.length })}</strong>
          </p>
          <ul className="problem-list">
            {problems.map((problem, i) => (
              <li key={i}>{problem.href ? <a href={problem.href}>{problem.text}</a> : problem.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!valid ? (
        <p className="not-ready small" data-testid="publish-weights-problem">
          <a href="#weights">{t("weightsInvalid")}</a>
        </p>
      ) : problems.length > 0 ? null : nothingNew ? (
        <p className="small muted" data-testid="publish-nothing-new">
          {t("nothingNew", { version: nextVersion - 1 })}
        </p>
      ) : (
        <p className="ready small" data-testid="publish-ready">
          ✓ {dirty ? t("readyWithWeights") : t("ready")}
        </p>
      )}
      {!nothingNew && (
        <button type="submit" form={weightsFormId} name="intent" value="publish" className="button publish-button" disabled={pending}>
          {pending ? t("publishing") : t("publish", { version: nextVersion })}
        </button>
      )}
      <p className="muted small">{t("immutable")}</p>
    </section>
  );
}
