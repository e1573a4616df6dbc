"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { criterionAction } from "@/app/(manage)/studies/[id]/design/actions";
import type { DesignState } from "./design-state";
import { LocalizedFields } from "./localized-fields";

type Props = {
  studyId: string;
  criterion: {
    id: string;
    name: Partial<Record<string, string>>;
    description: Partial<Record<string, string>>;
    customerTitle: Partial<Record<string, string>> | null;
    customerDescription: Partial<Record<string, string>> | null;
    itemCount: number;
  };
  /** What customers read when a field is left empty: the preset's wording (else the name and description). */
  customerDefaults: { title: Partial<Record<string, string>>; description: Partial<Record<string, string>>; preset: boolean };
  displayName: string;
  languages: string[];
  isFirst: boolean;
  isLast: boolean;
  canRemove: boolean;
};

/** Renames and describes a criterion per language, reorders it, removes it. */
export function CriterionForm({ studyId, criterion, customerDefaults, displayName, languages, isFirst, isLast, canRemove }: Props) {
  const t = useTranslations("study.criteria");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<DesignState, FormData>(criterionAction, {});
  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));
  const echo = (prefix: string, stored: Partial<Record<string, string>>) =>
    Object.fromEntries(languages.map((l) => [l, state.values?.[`${prefix}.${l}`] ?? stored[l] ?? ""]));
  const base = `criterion-form-${criterion.id}`;
  // Re-keyed on the stored texts so a saved rename shows as the new default.
  const formKey = JSON.stringify([criterion.name, criterion.description, criterion.customerTitle, criterion.customerDescription]);
  return (
    <form action={action} noValidate className="criterion-form" key={formKey}>
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="criterionId" value={criterion.id} />
      <LocalizedFields
        prefix="name"
        idBase={base}
        label={t("name")}
        languages={languages}
        values={echo("name", criterion.name)}
        errors={state.fieldErrors}
        describeError={describe}
      />
      <LocalizedFields
        prefix="description"
        idBase={base}
        label={t("description")}
        hint={t("descriptionHint")}
        languages={languages}
        values={echo("description", criterion.description)}
        errors={state.fieldErrors}
        describeError={describe}
        multiline
      />
      <fieldset className="customer-wording">
        <legend>{t("customerHeading")}</legend>
        <p className="hint">{customerDefaults.preset ? t("customerIntro") : t("customerIntroOwn")}</p>
        <LocalizedFields
          prefix="customerTitle"
          idBase={base}
          label={t("customerTitle")}
          languages={languages}
          values={echo("customerTitle", criterion.customerTitle ?? {})}
          placeholders={customerDefaults.title}
          errors={state.fieldErrors}
          describeError={describe}
        />
        <LocalizedFields
          prefix="customerDescription"
          idBase={base}
          label={t("customerDescription")}
          languages={languages}
          values={echo("customerDescription", criterion.customerDescription ?? {})}
          placeholders={customerDefaults.description}
          errors={state.fieldErrors}
          describeError={describe}
          multiline
        />
      </fieldset>
      <div aria-live="polite">
        {state.message && !pending ? (
          <div className={`alert ${state.ok ? "ok" : "error"}`}>{state.ok ? t(`done.${state.message}`) : describe(state.message)}</div>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button small" disabled={pending}>
          {t("save")}
        </button>
        <button type="submit" name="intent" value="up" className="button secondary small" disabled={pending || isFirst}>
          {t("moveUp")}
        </button>
        <button type="submit" name="intent" value="down" className="button secondary small" disabled={pending || isLast}>
          {t("moveDown")}
        </button>
      </div>
      {canRemove ? (
        <details className="danger-zone">
          <summary>{t("removeSummary")}</summary>
          <p className="small">{t("removeExplained", { name: displayName, count: criterion.itemCount })}</p>
          <button type="submit" name="intent" value="remove" className="button danger small" disabled={pending}>
            {t("remove", { name: displayName })}
          </button>
        </details>
      ) : (
        <p className="muted small">{t("lastCriterion")}</p>
      )}
    </form>
  );
}
