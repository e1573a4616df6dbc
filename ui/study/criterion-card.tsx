import { getLocale, getTranslations } from "next-intl/server";
import { textIn } from "@/lib/i18n/localized-text";
import type { DraftCriterion } from "@/db/queries/studies";
import { maxItemsPerCriterion, minItemsPerCriterion } from "@/lib/studies/limits";
import { AddItemForm } from "./add-forms";
import { CriterionForm } from "./criterion-form";
import { ItemForm } from "./item-form";
import { languageName } from "@/lib/i18n/locales";
import { fmtPoints } from "@/lib/format";
import { RegenerateButton } from "./regenerate-button";
import { customerWording, defaultCustomerWording } from "@/lib/questions/customer-wording";

/** What customers read when the manager leaves the customer fields empty. */
function customerDefaultsOf(criterion: DraftCriterion, languages: string[]) {
  const wording = customerWording({ ...criterion, customerTitle: null, customerDescription: null }, languages);
  return { ...wording, preset: defaultCustomerWording(criterion.key) !== undefined };
}

type Props = {
  studyId: string;
  criterion: DraftCriterion;
  index: number;
  total: number;
  name: string;
  definition: string;
  languages: string[];
  otherCriteria: { id: string; name: string }[];
  /** The bank has questions for this criterion (a preset key). */
  fromPreset: boolean;
  editable: boolean;
};

export async function CountBadge({ count }: { count: number }) {
  const t = await getTranslations("study.items");
  const ok = count >= minItemsPerCriterion && count <= maxItemsPerCriterion;
  return (
    <span
      className={`badge count ${ok ? "count-ok" : "count-bad"}`}
      title={ok ? undefined : t("countHint", { min: minItemsPerCriterion, max: maxItemsPerCriterion })}
    >
      {t("count", { count, min: minItemsPerCriterion, max: maxItemsPerCriterion })}
    </span>
  );
}

/** One criterion of the questionnaire: its texts, its questions, and (for managers) every edit. */
export async function CriterionCard({ studyId, criterion, index, total, name, definition, languages, otherCriteria, fromPreset, editable }: Props) {
  const t = await getTranslations("study");
  const headingId = `criterion-${criterion.id}-heading`;
  // The survey shows customers this title, not the method's name.
  const customerTitle = textIn(customerWording(criterion, languages).title, await getLocale(), languages);
  return (
    <section className="card criterion-card" id={`criterion-${criterion.id}`} aria-labelledby={headingId}>
      <header className="criterion-head">
        <div>
          <p className="eyebrow">{t("criteria.position", { number: index + 1, total })}</p>
          <h3 id={headingId}>{name}</h3>
          {definition && <p className="muted small definition">{definition}</p>}
          {customerTitle && customerTitle !== name && <p className="small customer-title">{t("criteria.customerReads", { title: customerTitle })}</p>}
        </div>
        <div className="criterion-meta">
          <CountBadge count={criterion.items.length} />
          <span className="badge">{t("weights.pointsBadge", { points: fmtPoints(criterion.weight) })}</span>
        </div>
      </header>

      {editable && (
        <details className="criterion-edit">
          <summary>{t("criteria.editSummary")}</summary>
          <CriterionForm
            studyId={studyId}
            criterion={{
              id: criterion.id,
              name: criterion.name,
              description: criterion.description,
              customerTitle: criterion.customerTitle,
              customerDescription: criterion.customerDescription,
              itemCount: criterion.items.length,
            }}
            customerDefaults={customerDefaultsOf(criterion, languages)}
            displayName={name}
            languages={languages}
            isFirst={index === 0}
            isLast={index === total - 1}
            canRemove={total > 1}
          />
        </details>
      )}

      {criterion.items.length === 0 ? (
        <p className="empty-items">{fromPreset ? t("items.noneYet") : t("items.noneCustom")}</p>
      ) : (
        <ol className="item-list">
          {criterion.items.map((item, i) => (
            <li key={item.id}>
              {editable ? (
                <ItemForm
                  studyId={studyId}
                  item={{ id: item.id, key: item.key, text: item.text, reverse: item.reverse, locked: item.locked, fromBank: item.bankId !== null }}
                  number={i + 1}
                  criterionName={name}
                  isFirst={i === 0}
                  isLast={i === criterion.items.length - 1}
                  languages={languages}
                  otherCriteria={otherCriteria}
                />
              ) : (
                <div className="item-form read-only" id={`item-${item.id}`}>
                  <div className="item-head">
                    <h4 className="item-title">{t("items.question", { number: i + 1 })}</h4>
                    <div className="item-badges">
                      {item.reverse && <span className="badge reverse">{t("items.reverseBadge")}</span>}
                      {item.locked && <span className="badge locked">{t("items.lockedBadge")}</span>}
                    </div>
                  </div>
                  <dl className="read-only-texts">
                    {languages.map((language) => (
                      <div key={language}>
                        <dt>{languageName(language)}</dt>
                        <dd lang={language}>
                          {item.text[language as keyof typeof item.text] || <span className="missing">{t("items.missingText")}</span>}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {editable && (
        <div className="criterion-foot">
          <details className="add-item">
            <summary className="button secondary small">{t("items.addSummary")}</summary>
            <AddItemForm studyId={studyId} criterionId={criterion.id} criterionName={name} languages={languages} />
          </details>
          {fromPreset ? (
            <RegenerateButton studyId={studyId} criterionId={criterion.id} label={t("items.regenerateOne")} />
          ) : (
            <p className="muted small">{t("items.customHint")}</p>
          )}
        </div>
      )}
    </section>
  );
}
