"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addCriterionAction, addItemAction } from "@/app/(manage)/studies/[id]/design/actions";
import type { DesignState } from "./design-state";
import { LocalizedFields } from "./localized-fields";

function useDescribe(ns: "study.items" | "study.criteria") {
  const t = useTranslations(ns);
  const te = useTranslations("errors");
  return (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));
}

const echo = (state: DesignState, prefix: string, languages: string[]) =>
  Object.fromEntries(languages.map((l) => [l, state.ok ? "" : (state.values?.[`${prefix}.${l}`] ?? "")]));

/** The manager's own question for a criterion; it starts locked. */
export function AddItemForm({
  studyId,
  criterionId,
  criterionName,
  languages,
}: {
  studyId: string;
  criterionId: string;
  criterionName: string;
  languages: string[];
}) {
  const t = useTranslations("study.items");
  const describe = useDescribe("study.items");
  const [state, action, pending] = useActionState<DesignState, FormData>(addItemAction, {});
  return (
    <form action={action} noValidate className="add-item-form">
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="criterionId" value={criterionId} />
      <LocalizedFields
        prefix="text"
        idBase={`new-item-${criterionId}`}
        label={t("newQuestion", { criterion: criterionName })}
        hint={t("newQuestionHint")}
        languages={languages}
        values={echo(state, "text", languages)}
        errors={state.fieldErrors}
        describeError={describe}
        multiline
      />
      <label className="checkbox">
        <input type="checkbox" name="reverse" /> {t("reverse")}
      </label>
      <div aria-live="polite">
        {!pending && state.message ? (
          <div className={`alert ${state.ok ? "ok" : "error"}`}>{state.ok ? t(`done.${state.message}`) : describe(state.message)}</div>
        ) : null}
        {!pending && state.fieldErrors?.text ? <div className="alert error">{state.fieldErrors.text.map(describe).join(" ")}</div> : null}
      </div>
      <button type="submit" className="button secondary small" disabled={pending}>
        {t("add")}
      </button>
    </form>
  );
}

/** A criterion of the manager's own, added at the end with 0 points. */
export function AddCriterionForm({ studyId, languages }: { studyId: string; languages: string[] }) {
  const t = useTranslations("study.criteria");
  const describe = useDescribe("study.criteria");
  const [state, action, pending] = useActionState<DesignState, FormData>(addCriterionAction, {});
  return (
    <form action={action} noValidate>
      <input type="hidden" name="studyId" value={studyId} />
      <div>
        <LocalizedFields
          prefix="name"
          idBase="new-criterion"
          label={t("name")}
          languages={languages}
          values={echo(state, "name", languages)}
          errors={state.fieldErrors}
          describeError={describe}
        />
        <LocalizedFields
          prefix="description"
          idBase="new-criterion"
          label={t("description")}
          hint={t("descriptionHint")}
          languages={languages}
          values={echo(state, "description", languages)}
          errors={state.fieldErrors}
          describeError={describe}
          multiline
        />
      </div>
      <div aria-live="polite">
        {!pending && state.message ? (
          <div className={`alert ${state.ok ? "ok" : "error"}`}>{state.ok ? t(`done.${state.message}`) : describe(state.message)}</div>
        ) : null}
        {!pending && state.fieldErrors?.name ? <div className="alert error">{state.fieldErrors.name.map(describe).join(" ")}</div> : null}
      </div>
      <button type="submit" className="button secondary" disabled={pending}>
        {t("add")}
      </button>
    </form>
  );
}
