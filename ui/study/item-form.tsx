"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { itemAction } from "@/app/(manage)/studies/[id]/design/actions";
import { languageName } from "@/lib/i18n/locales";
import type { DesignState } from "./design-state";

export type EditableItem = {
  id: string;
  key: string;
  text: Partial<Record<string, string>>;
  reverse: boolean;
  locked: boolean;
  fromBank: boolean;
};

type Props = {
  studyId: string;
  item: EditableItem;
  number: number;
  criterionName: string;
  isFirst: boolean;
  isLast: boolean;
  languages: string[];
  otherCriteria: { id: string; name: string }[];
};

/**
 * One question: its text per study language, reverse scoring, the lock, and
 * its place. Every button submits the same form (name="intent"), so typing a
 * change and then moving the item never loses the change.
 */
export function ItemForm({ studyId, item, number, criterionName, isFirst, isLast, languages, otherCriteria }: Props) {
  const t = useTranslations("study.items");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState<DesignState, FormData>(itemAction, {});
  const stored = JSON.stringify([item.text, item.reverse, item.locked]);
  const initial = () => ({
    text: Object.fromEntries(languages.map((l) => [l, state.values?.[`text.${l}`] ?? item.text[l] ?? ""])),
    reverse: item.reverse,
    locked: item.locked,
  });
  const [draft, setDraft] = useState(initial);
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setDraft({ text: Object.fromEntries(languages.map((l) => [l, item.text[l] ?? ""])), reverse: item.reverse, locked: item.locked });
  }
  const dirty = languages.some((l) => (draft.text[l] ?? "").trim() !== (item.text[l] ?? "")) || draft.reverse !== item.reverse;

  // A moved item is re-rendered elsewhere in the list; keep the keyboard where it was.
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!state.ok) return;
    if (state.intent === "up") (isFirst ? downRef : upRef).current?.focus();
    if (state.intent === "down") (isLast ? upRef : downRef).current?.focus();
  }, [state, isFirst, isLast]);

  const describe = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));
  const base = `item-${item.id}`;
  return (
    <form action={action} noValidate className={`item-form${item.locked ? " is-locked" : ""}`} id={base} aria-labelledby={`${base}-title`}>
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="itemId" value={item.id} />
      <div className="item-head">
        <h4 id={`${base}-title`} className="item-title">
          {t("question", { number })}
          <span className="visually-hidden"> — {criterionName}</span>
        </h4>
        <div className="item-badges">
          {item.reverse && <span className="badge reverse">{t("reverseBadge")}</span>}
          {item.locked ? <span className="badge locked">{t("lockedBadge")}</span> : item.fromBank && <span className="badge">{t("bankBadge")}</span>}
        </div>
        <div className="item-order">
          <button
            ref={upRef}
            type="submit"
            name="intent"
            value="up"
            className="button secondary small icon"
            disabled={pending || isFirst}
            aria-label={t("moveUp", { number })}
            title={t("moveUp", { number })}
          >
            ↑
          </button>
          <button
            ref={downRef}
            type="submit"
            name="intent"
            value="down"
            className="button secondary small icon"
            disabled={pending || isLast}
            aria-label={t("moveDown", { number })}
            title={t("moveDown", { number })}
          >
            ↓
          </button>
        </div>
      </div>

      <div className={`item-texts cols-${Math.min(languages.length, 3)}`}>
        {languages.map((language) => {
          const id = `${base}-text-${language}`;
          const errors = state.fieldErrors?.[`text.${language}`];
          const missing = !(draft.text[language] ?? "").trim();
          return (
            <div className="field" key={language}>
              <label htmlFor={id} className="lang-label">
                <span className="visually-hidden">{t("question", { number })}, </span>
                {languageName(language)}
                {missing && <span className="missing"> · {t("missingText")}</span>}
              </label>
              <textarea
                id={id}
                name={`text.${language}`}
                lang={language}
                rows={2}
                maxLength={500}
                value={draft.text[language] ?? ""}
                onChange={(event) => setDraft((d) => ({ ...d, text: { ...d.text, [language]: event.target.value } }))}
                aria-invalid={errors?.length || missing ? true : undefined}
              />
              {errors?.length ? <div className="field-error">{errors.map(describe).join(" ")}</div> : null}
            </div>
          );
        })}
      </div>

      <div className="item-flags">
        <label className="checkbox">
          <input type="checkbox" name="reverse" checked={draft.reverse} onChange={(e) => setDraft((d) => ({ ...d, reverse: e.target.checked }))} />
          {t("reverse")}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="locked"
            checked={draft.locked || dirty}
            disabled={dirty}
            onChange={(e) => setDraft((d) => ({ ...d, locked: e.target.checked }))}
          />
          {t("locked")}
        </label>
        {/* A disabled checkbox is not submitted; the server locks an edited item anyway. */}
      </div>

      <div className="item-actions">
        <button type="submit" name="intent" value="save" className="button small" disabled={pending}>
          {t("save")}
        </button>
        {otherCriteria.length > 0 && (
          <div className="move-to">
            <label htmlFor={`${base}-target`} className="visually-hidden">
              {t("moveToLabel", { number })}
            </label>
            <select id={`${base}-target`} name="targetCriterionId" defaultValue="">
              <option value="">{t("moveToPlaceholder")}</option>
              {otherCriteria.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <button type="submit" name="intent" value="move" className="button secondary small" disabled={pending}>
              {t("move")}
            </button>
          </div>
        )}
        <button
          type="submit"
          name="intent"
          value="remove"
          className="button danger small"
          disabled={pending}
          aria-label={t("removeLabel", { number })}
        >
          {t("remove")}
        </button>
        <span aria-live="polite" className="item-status small">
          {pending
            ? t("saving")
            : !state.ok && state.message
              ? describe(state.message)
              : dirty
                ? t("unsaved")
                : state.ok && state.message
                  ? t(`done.${state.message}`)
                  : ""}
        </span>
      </div>
    </form>
  );
}
