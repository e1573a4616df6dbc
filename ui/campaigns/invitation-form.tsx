"use client";

import Link from "next/link";
import { useActionState, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { sendInvitations } from "@/app/(manage)/studies/[id]/distribute/campaign-actions";
import type { AudienceSizes } from "@/db/queries/campaigns";
import { maxFormEmails, splitEmails } from "@/lib/campaigns/invitation-choices";
import type { FormState } from "@/lib/forms/form-state";

type Props = {
  studyId: string;
  sizes: AudienceSizes;
  reminderDefaults: { afterDays: number; max: number };
  /** The time now in the workspace's zone, as the page shows times: the send time is entered in it. */
  nowUtc: string;
  /** The workspace's time zone (an IANA name). */
  zone: string;
  contactsHref: string;
};

const noSubscription = () => () => {};

/**
 * Who gets the invitation (all contacts, one segment, chosen addresses),
 * reminders, and when. A server action: without JavaScript every choice is
 * shown and the button says "Send invitations"; with it, the button names
 * how many contacts the choice reaches (before those who already answered
 * are left out).
 */
export function InvitationForm({ studyId, sizes, reminderDefaults, nowUtc, zone, contactsHref }: Props) {
  const t = useTranslations("campaigns");
  const [state, action, pending] = useActionState<FormState, FormData>(sendInvitations, {});
  const values = state.values;
  const [audience, setAudience] = useState(values?.audience ?? "all");
  const [segment, setSegment] = useState(values?.segment ?? "");
  const [emailCount, setEmailCount] = useState(() => splitEmails(values?.emails ?? "").length);
  const [when, setWhen] = useState(values?.when ?? "now");
  const [reminders, setReminders] = useState(values ? values.reminders === "on" : true);
  // False in the server's HTML (and without JavaScript), true once the form runs in the browser.
  const live = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const describe = (code: string, extra?: Record<string, string | number>) =>
    t.has(`errors.${code}`) ? t(`errors.${code}`, { max: maxFormEmails, ...extra }) : t("errors.invalid");
  const errorOf = (field: string) => {
    const codes = state.fieldErrors?.[field];
    if (!codes?.length) return null;
    const extra = { names: state.data?.badEmails ?? "", count: Number(state.data?.badEmailCount ?? 0) };
    return (
      <div className="field-error" id={`invite-${field}-error`}>
        {codes.map((code) => describe(code, extra)).join(" ")}
      </div>
    );
  };
  const invalid = (field: string) => (state.fieldErrors?.[field]?.length ? true : undefined);
  const describedBy = (field: string, hint?: string) =>
    [hint, state.fieldErrors?.[field]?.length ? `invite-${field}-error` : null].filter(Boolean).join(" ") || undefined;

  const reach =
    audience === "all"
      ? sizes.subscribed
      : audience === "segment"
        ? (sizes.segments.find((s) => s.segment === segment)?.subscribed ?? 0)
        : emailCount;
  const submitLabel = !live || reach === 0 ? t("form.submit") : t(when === "later" ? "form.scheduleFor" : "form.sendTo", { count: reach });

  const message = state.message
    ? describe(state.message, {
        unsubscribed: state.data?.unsubscribed ?? "0",
        responded: state.data?.responded ?? "0",
        retired: state.data?.retired ?? "0",
        unknown: state.data?.unknown ?? "0",
        missing: state.data?.missing ?? "",
      })
    : null;

  return (
    <form action={action} noValidate className="invitation-form" aria-describedby="invitation-submit-hint">
      <input type="hidden" name="studyId" value={studyId} />
      <div aria-live="polite">
        {message && (
          <div className="alert error" role="alert">
            {message}
          </div>
        )}
        {state.fieldErrors?._form && <div className="alert error">{describe("invalid")}</div>}
      </div>

      <fieldset className="field choice-group">
        <legend className="label">{t("form.who")}</legend>
        <div className="invite-audiences">
          <div className="audience-card">
            <label className="audience-choice">
              <input type="radio" name="audience" value="all" checked={audience === "all"} onChange={() => setAudience("all")} />
              <strong>{t("form.all")}</strong>
            </label>
            <span className="muted small">{t("form.allHint", { subscribed: sizes.subscribed, unsubscribed: sizes.total - sizes.subscribed })}</span>
          </div>

          <div className="audience-card">
            <label className="audience-choice">
              <input
                type="radio"
                name="audience"
                value="segment"
                checked={audience === "segment"}
                onChange={() => setAudience("segment")}
                disabled={sizes.segments.length === 0}
              />
              <strong>{t("form.segment")}</strong>
            </label>
            {sizes.segments.length === 0 ? (
              <span className="muted small">
                {t("form.noSegments")} <Link href={contactsHref}>{t("section.contactsLink")}</Link>
              </span>
            ) : (
              <div className="audience-detail">
                <label htmlFor="invite-segment" className="visually-hidden">
                  {t("form.segmentLabel")}
                </label>
                <select
                  id="invite-segment"
                  name="segment"
                  defaultValue={values?.segment ?? ""}
                  onChange={(e) => {
                    setSegment(e.target.value);
                    setAudience("segment");
                  }}
                  aria-invalid={invalid("segment")}
                  aria-describedby={describedBy("segment")}
                >
                  <option value="">{t("form.chooseSegment")}</option>
                  {sizes.segments.map((s) => (
                    <option key={s.segment} value={s.segment}>
                      {t("form.segmentOption", { segment: s.segment, subscribed: s.subscribed })}
                    </option>
                  ))}
                </select>
                {errorOf("segment")}
              </div>
            )}
          </div>

          <div className="audience-card">
            <label className="audience-choice">
              <input type="radio" name="audience" value="emails" checked={audience === "emails"} onChange={() => setAudience("emails")} />
              <strong>{t("form.emails")}</strong>
            </label>
            <div className="audience-detail">
              <label htmlFor="invite-emails" className="visually-hidden">
                {t("form.emailsLabel")}
              </label>
              <textarea
                id="invite-emails"
                name="emails"
                rows={4}
                defaultValue={values?.emails ?? ""}
                placeholder={t("form.emailsPlaceholder")}
                onChange={(e) => {
                  setEmailCount(splitEmails(e.target.value).length);
                  if (e.target.value.trim()) setAudience("emails");
                }}
                aria-invalid={invalid("emails")}
                aria-describedby={describedBy("emails", "invite-emails-hint")}
              />
              <div className="hint" id="invite-emails-hint">
                {t("form.emailsHint", { max: maxFormEmails })}
              </div>
              {errorOf("emails")}
            </div>
          </div>
        </div>
        {errorOf("audience")}
      </fieldset>

      <fieldset className="field choice-group">
        <legend className="label">{t("form.remindersLegend")}</legend>
        <label className="checkbox">
          <input type="checkbox" name="reminders" checked={reminders} onChange={(e) => setReminders(e.target.checked)} /> {t("form.reminders")}
        </label>
        <div className="reminder-fields">
          <div className="field">
            <label htmlFor="invite-after-days">{t("form.afterDays")}</label>
            <input
              id="invite-after-days"
              name="reminderAfterDays"
              type="number"
              min={1}
              max={60}
              defaultValue={values?.reminderAfterDays ?? String(reminderDefaults.afterDays)}
              disabled={!reminders}
              aria-invalid={invalid("reminderAfterDays")}
              aria-describedby={describedBy("reminderAfterDays")}
            />
            {errorOf("reminderAfterDays")}
          </div>
          <div className="field">
            <label htmlFor="invite-max">{t("form.max")}</label>
            <input
              id="invite-max"
              name="reminderMax"
              type="number"
              min={1}
              max={5}
              defaultValue={values?.reminderMax ?? String(reminderDefaults.max)}
              disabled={!reminders}
              aria-invalid={invalid("reminderMax")}
              aria-describedby={describedBy("reminderMax")}
            />
            {errorOf("reminderMax")}
          </div>
        </div>
        <div className="hint">{t("form.remindersHint")}</div>
      </fieldset>

      <fieldset className="field choice-group">
        <legend className="label">{t("form.when")}</legend>
        <div className="choice-row">
          <label className="choice">
            <input type="radio" name="when" value="now" checked={when === "now"} onChange={() => setWhen("now")} /> {t("form.now")}
          </label>
          <label className="choice">
            <input type="radio" name="when" value="later" checked={when === "later"} onChange={() => setWhen("later")} /> {t("form.later", { zone })}
          </label>
        </div>
        <div className="field send-at-field" hidden={live && when !== "later"}>
          <label htmlFor="invite-send-at">{t("form.sendAt", { zone })}</label>
          <input
            id="invite-send-at"
            name="sendAt"
            type="datetime-local"
            defaultValue={values?.sendAt ?? ""}
            onChange={(e) => {
              if (e.target.value) setWhen("later");
            }}
            aria-invalid={invalid("sendAt")}
            aria-describedby={describedBy("sendAt", "invite-send-at-hint")}
          />
          <div className="hint" id="invite-send-at-hint">
            {t("form.sendAtHint", { now: nowUtc, zone })}
          </div>
          {errorOf("sendAt")}
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
      </div>
      <p className="muted small" id="invitation-submit-hint">
        {t("form.submitHint")}
      </p>
    </form>
  );
}
