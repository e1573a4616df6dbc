"use client";

import { useActionState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { publishAction } from "@/app/(manage)/studies/[id]/design/actions";
import type { DesignState } from "./design-state";
import type { DescribedProblem } from "./problem-list";

type Props = {
  studyId: string;
  problems: DescribedProblem[];
  nextVersion: number;
  /** The draft equals the latest version: publishing would copy it. */
  unchanged: boolean;
};

/** Every reason the draft cannot be published yet, and the button that makes the next version. */
export function PublishPanel({ studyId, problems, nextVersion, unchanged }: Props) {
  const t = useTranslations("study.publish");
  const [state, action, pending] = useActionState<DesignState, FormData>(publishAction, {});
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
              </a>
            </div>
            <div className="small">
              <Link href={`/studies/${studyId}/distribute`}>{t("toDistribute")}</Link>
            </div>
          </div>
        ) : null}
        {!state.ok && state.message && !pending ? (
          <div className="alert error">{state.message === "publishRefused" ? t("refused", { count: problems.length }) : t("failed")}</div>
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
      ) : (
        <p className="ready small">✓ {unchanged ? t("readyUnchanged") : t("ready")}</p>
      )}
      <form action={action}>
        <input type="hidden" name="studyId" value={studyId} />
        <button type="submit" className="button publish-button" disabled={pending}>
          {pending ? t("publishing") : t("publish", { version: nextVersion })}
        </button>
      </form>
      <p className="muted small">{t("immutable")}</p>
    </section>
  );
}
