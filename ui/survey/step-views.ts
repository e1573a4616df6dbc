import type { VersionSnapshot } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { textIn } from "@/lib/i18n/localized-text";
import { customerWording } from "@/lib/questions/customer-wording";
import type { FieldErrors } from "@/lib/survey/step-check";
import type { StepValues } from "@/lib/survey/step-values";
import { itemCount, progressOf, type SnapshotCriterion, type SurveyStep } from "@/lib/survey/steps";
import { attrs, html, raw, type Html } from "./html";
import type { SurveyT } from "./translator";

// The survey's steps as plain HTML forms. Each item is a fieldset with a
// legend (the statement) holding two labelled radio groups (expected and
// experienced, side by side on wide screens, stacked on phones) and an N/A
// box. Errors sit beside their item and in a summary that links to them.

export type StepView = {
  t: SurveyT;
  locale: Locale;
  token: string;
  provider: string;
  snapshot: VersionSnapshot;
  stepCount: number;
  step: SurveyStep;
  responseId: string;
  versionId: string;
  values: StepValues;
  fieldErrors: FieldErrors;
  /** Shown once when a customer comes back to a survey in progress. */
  resumed: boolean;
  /** The response exists already (the first step then says "Continue"). */
  started: boolean;
  /** Segments to choose from on the first step (empty when the link carries one). */
  segments: readonly string[];
  /** The designer's preview: the same page, its buttons disabled and its form going nowhere. */
  preview?: boolean;
};

/** " (optional)" in English, "（選填）" in Chinese (full-width brackets carry their own space). */
const optional = (locale: Locale, word: string) =>
  locale.startsWith("zh") ? html`<span class="sv-optional">（${word}）</span>` : html` <span class="sv-optional">(${word})</span>`;

/** "Statement 2: …" in English, 「第 2 題：…」 in Chinese (full-width colon, no space). */
const colon = (locale: Locale) => (locale.startsWith("zh") ? "：" : ": ");

export function renderStep(view: StepView): Html {
  if (view.step.kind === "intro") return renderIntro(view);
  if (view.step.kind === "criterion") return renderCriterion(view, view.step.criterion);
  if (view.step.kind === "consent") return renderConsent(view);
  return renderImportance(view);
}

function hiddenFields(view: StepView): Html {
  return html`<input type="hidden" name="rid" value="${view.responseId}"><input type="hidden" name="v" value="${view.versionId}"><input type="hidden" name="step" value="${view.step.index}"><input type="hidden" name="lang" value="${view.locale}">`;
}

function honeypot(t: SurveyT): Html {
  return html`<div class="sv-hp"><label for="sv-website">${t("honeypot")}</label><input type="text" id="sv-website" name="website" value="" tabindex="-1" autocomplete="off"></div>`;
}

function actions(view: StepView, primary: string): Html {
  const { t } = view;
  const disabled = attrs({ disabled: !!view.preview });
  return html`<div class="sv-actions"><button type="submit" class="sv-button" name="intent" value="next"${disabled}>${primary}</button>${
    view.step.index > 0
      ? html`<button type="submit" class="sv-button secondary" name="intent" value="back"${disabled}>${t("buttons.back")}</button>`
      : null
  }</div>`;
}

function progress(view: StepView): Html {
  const { current, total } = progressOf(view.step.index, view.stepCount);
  const percent = Math.round((current / total) * 100);
  return html`<div class="sv-progress"><p>${view.t("step.progress", { current, total })}</p><div class="sv-track" aria-hidden="true"><span class="sv-fill" style="width:${percent}%"></span></div></div>`;
}

function errorSummary(view: StepView, entries: { href: string; text: string }[]): Html | null {
  if (entries.length === 0) return null;
  return html`<div class="sv-note error" role="alert" id="sv-errors"><p><strong>${view.t("errors.summary", { count: entries.length })}</strong></p><ul>${entries.map(
    (e) => html`<li><a href="${e.href}">${e.text}</a></li>`,
  )}</ul></div>`;
}

/** The step's form: the page's language switch submits it too (page-shell.ts), so a switch keeps what the page holds. */
export const stepFormId = "sv-step-form";

function form(view: StepView, body: Html | Html[]): Html {
  // A preview's steps share one page: no ids that would repeat, nothing to post.
  if (view.preview) return html`<form method="get" action="#">${body}</form>`;
  return html`<form method="post" action="/s/${view.token}" id="${stepFormId}">${hiddenFields(view)}${body}${honeypot(view.t)}</form>`;
}

function renderIntro(view: StepView): Html {
  const { t, snapshot, provider } = view;
  const items = itemCount(snapshot);
  const minutes = Math.max(2, Math.round((items * 12) / 60));
  const segmentError = view.fieldErrors.segment;
  const segmentField =
    view.segments.length > 0
      ? html`<div class="sv-field"><label for="sv-segment">${t("intro.segmentLabel")}</label><select id="sv-segment" name="segment"${attrs({
          "aria-describedby": segmentError ? "sv-segment-hint sv-segment-error" : "sv-segment-hint",
          "aria-invalid": segmentError ? "true" : null,
        })}><option value="">${t("intro.segmentPlaceholder")}</option>${view.segments.map(
          (s) => html`<option value="${s}"${attrs({ selected: s === view.values.segment })}>${s}</option>`,
        )}</select><p class="sv-hint" id="sv-segment-hint">${t("intro.segmentHint")}</p>${
          segmentError ? html`<p class="sv-error" id="sv-segment-error">${t(`errors.${segmentError}`)}</p>` : null
        }</div>`
      : null;
  return html`<div class="sv-card sv-intro">
<h1>${t("intro.heading", { provider })}</h1>
<p class="sv-lead">${t("intro.lead", { criteria: snapshot.criteria.length, items, minutes })}</p>
${view.resumed ? html`<p class="sv-note info">${t("step.resumed")}</p>` : null}
${errorSummary(view, segmentError ? [{ href: "#sv-segment", text: t(`errors.${segmentError}`) }] : [])}
<h2>${t("intro.howTitle")}</h2>
<p>${t("intro.twoRatings")}</p>
<ul>
<li><span class="sv-swatch e" aria-hidden="true"></span><strong>${t("scale.expected")}</strong> — ${t("intro.expectedExplain")}</li>
<li><span class="sv-swatch p" aria-hidden="true"></span><strong>${t("scale.perceived")}</strong> — ${t("intro.perceivedExplain", { provider })}</li>
</ul>
<p>${t("intro.scaleExplain", { scale: snapshot.scale })}</p>
<p class="sv-lead">${t("intro.saved")}</p>
${form(view, [segmentField ?? html``, actions(view, view.started ? t("intro.continue") : t("intro.start"))])}
</div>`;
}

function scale(view: StepView, itemId: string, side: "e" | "p", value: number | undefined): Html {
  const { t, snapshot } = view;
  const L = snapshot.scale;
  const options = Array.from({ length: L }, (_, i) => i + 1).map((n) => {
    const name = n === 1 ? t("scale.optionLow", { value: n }) : n === L ? t("scale.optionHigh", { value: n }) : String(n);
    return html`<label class="sv-opt"><input type="radio" name="${side}.${itemId}" value="${n}"${attrs({ checked: value === n, "aria-label": name })}><span aria-hidden="true">${n}</span></label>`;
  });
  return html`<fieldset class="sv-scale ${side}"><legend>${t(side === "e" ? "scale.expected" : "scale.perceived")}</legend><div class="sv-ends" aria-hidden="true"><span>${t("scale.low")}</span><span>${t("scale.high")}</span></div><div class="sv-options">${options}</div></fieldset>`;
}

function renderCriterion(view: StepView, criterion: SnapshotCriterion): Html {
  const { t, locale, snapshot } = view;
  const languages = snapshot.languages;
  // Customers read the plain title and line written for them, not the method's name and definition.
  const wording = customerWording(criterion, languages);
  const name = textIn(wording.title, locale, languages);
  const description = textIn(wording.description, locale, languages);
  const errors = criterion.items.map((item, i) => ({ item, i, code: view.fieldErrors[item.id] })).filter((e) => e.code);
  const items = criterion.items.map((item, i) => {
    const value = view.values.answers[item.id] ?? {};
    const code = view.fieldErrors[item.id];
    const errorId = `err-${item.id}`;
    return html`<fieldset class="sv-item${code ? " has-error" : ""}" id="item-${item.id}"${attrs({ "aria-describedby": code ? errorId : null })}>
<legend><span class="sv-num">${i + 1}.</span> ${textIn(item.text, locale, languages)}</legend>
<div class="sv-pair">${scale(view, item.id, "e", value.e)}${scale(view, item.id, "p", value.p)}</div>
<label class="sv-na"><input type="checkbox" name="na.${item.id}" value="1"${attrs({ checked: !!value.na })}>${t("scale.notApplicable")}</label>
${code ? html`<p class="sv-error" id="${errorId}">${t(`errors.${code}`)}</p>` : null}
</fieldset>`;
  });
  const commentId = `comment-${criterion.id}`;
  const last = view.step.index === view.stepCount - 1;
  return html`${progress(view)}
${view.resumed ? html`<p class="sv-note info">${t("step.resumed")}</p>` : null}
<h1>${name}</h1>
${description ? html`<p class="sv-criterion-desc">${description}</p>` : null}
<p class="sv-lead">${t("step.instruction")}</p>
${errorSummary(
  view,
  errors.map((e) => ({
    href: `#item-${e.item.id}`,
    text: `${t("step.statement", { number: e.i + 1 })}${colon(view.locale)}${t(`errors.${e.code}`)}`,
  })),
)}
${form(view, [
  raw(items.join("")),
  html`<div class="sv-field"><label for="${commentId}">${t("comment.label", { criterion: name })}${optional(locale, t("comment.optional"))}</label><textarea id="${commentId}" name="comment" rows="3" maxlength="2000">${view.values.comments[criterion.id] ?? ""}</textarea></div>`,
  actions(view, last ? t("buttons.submit") : t("buttons.next")),
])}`;
}

function renderImportance(view: StepView): Html {
  const { t, locale, snapshot } = view;
  const error = view.fieldErrors.weights;
  const total = Math.round(Object.values(view.values.weights).reduce((s, v) => s + (Number(v) > 0 ? Number(v) : 0), 0) * 100) / 100;
  const title = (c: SnapshotCriterion) => textIn(customerWording(c, snapshot.languages).title, locale, snapshot.languages);
  const rows = snapshot.criteria.map((c) => {
    const name = title(c);
    const code = view.fieldErrors[c.id];
    return html`<div class="sv-weight"><label for="w-${c.id}">${name}<span class="visually-hidden"> — ${t("importance.points", { criterion: name })}</span></label><input type="number" id="w-${c.id}" name="w.${c.id}" min="0" max="100" step="1" inputmode="numeric" data-points${attrs(
      {
        value: view.values.weights[c.id] ?? "",
        "aria-invalid": code || error ? "true" : null,
        "aria-describedby": code ? `err-w-${c.id}` : error ? "sv-weights-error" : null,
      },
    )}></div>${code ? html`<p class="sv-error" id="err-w-${c.id}">${t(`errors.${code}`)}</p>` : null}`;
  });
  const entries = [
    ...snapshot.criteria
      .filter((c) => view.fieldErrors[c.id])
      .map((c) => ({ href: `#w-${c.id}`, text: `${title(c)}${colon(locale)}${t(`errors.${view.fieldErrors[c.id]}`)}` })),
    ...(error ? [{ href: `#w-${snapshot.criteria[0].id}`, text: t("errors.weightsSum", { total }) }] : []),
  ];
  return html`${progress(view)}
<h1>${t("importance.heading")}</h1>
<p>${t("importance.lead")}</p>
<p class="sv-lead">${t("importance.optional")}</p>
${errorSummary(view, entries)}
${form(view, [
  html`<div class="sv-card"><div class="sv-weights">${rows}</div><p class="sv-total${total === 100 ? " ok" : ""}" aria-live="polite">${raw(
    t.markup("importance.total", { total, b: (chunks) => `<span id="sv-total">${chunks}</span>` }),
  )}</p>${error ? html`<p class="sv-error" id="sv-weights-error">${t("errors.weightsSum", { total })}</p>` : null}</div>`,
  actions(view, view.step.index === view.stepCount - 1 ? t("buttons.submit") : t("buttons.next")),
])}`;
}

/**
 * "May we contact you about your answers?": No or Yes, and the details,
 * shown whatever is chosen (the page works without JavaScript); they are
 * kept only with a Yes.
 */
function renderConsent(view: StepView): Html {
  const { t, provider } = view;
  const values = view.values.contact ?? { choice: "", name: "", email: "", phone: "" };
  const errors = view.fieldErrors;
  const field = (name: "contactName" | "contactEmail" | "contactPhone", type: string, autocomplete: string, max: number, value: string) => {
    const id = `sv-${name}`;
    const code = errors[name];
    return html`<div class="sv-field"><label for="${id}">${t(`consent.${name}`)}</label><input type="${type}" id="${id}" name="${name}"${attrs({
      value,
      maxlength: max,
      autocomplete,
      inputmode: type === "email" ? "email" : type === "tel" ? "tel" : null,
      "aria-invalid": code ? "true" : null,
      "aria-describedby": code ? `${id}-error` : null,
    })}>${code ? html`<p class="sv-error" id="${id}-error">${t(`errors.${code}`)}</p>` : null}</div>`;
  };
  const entries = (["contact", "contactName", "contactEmail", "contactPhone"] as const)
    .filter((name) => errors[name])
    .map((name) => ({ href: name === "contact" ? "#sv-contact-no" : `#sv-${name}`, text: t(`errors.${errors[name]}`) }));
  const choiceError = errors.contact;
  return html`${progress(view)}
<h1>${t("consent.heading")}</h1>
<p>${t("consent.lead", { provider })}</p>
${errorSummary(view, entries)}
${form(view, [
  html`<div class="sv-card"><fieldset class="sv-field"${attrs({ "aria-describedby": choiceError ? "sv-contact-error" : null })}><legend class="sv-legend">${t(
    "consent.question",
  )}</legend><div class="sv-choices"><label class="sv-choice"><input type="radio" id="sv-contact-no" name="contact" value="no"${attrs({
    checked: values.choice === "no",
  })}>${t("consent.no")}</label><label class="sv-choice"><input type="radio" id="sv-contact-yes" name="contact" value="yes"${attrs({
    checked: values.choice === "yes",
  })}>${t("consent.yes")}</label></div>${choiceError ? html`<p class="sv-error" id="sv-contact-error">${t(`errors.${choiceError}`)}</p>` : null}</fieldset>
<p class="sv-lead">${t("consent.detailsHint")}</p>
${field("contactName", "text", "name", 100, values.name)}
${field("contactEmail", "email", "email", 254, values.email)}
${field("contactPhone", "tel", "tel", 40, values.phone)}
<p class="sv-hint">${t("consent.privacy", { provider })}</p></div>`,
  actions(view, t("buttons.submit")),
])}`;
}
