import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { fmtMinute } from "@/lib/format";
import type { Names } from "@/lib/results/dashboard";
import { caseMoves, dueDateOf, noteMaxLength, type CaseEntry } from "@/lib/results/follow-up";
import { ActionButton } from "@/ui/forms/action-button";
import { ResponseFacts, WhoAnswered } from "./response-facts";

type Action = (form: FormData) => void | Promise<void>;

/**
 * One follow-up case as a card: who, what, its state and thread of notes;
 * for owners and managers the forms that change it (plain forms: they work
 * without JavaScript). `actions` is absent for a reader who may not change cases.
 */
export async function CaseCard({
  entry,
  names,
  members,
  back,
  zone,
  actions,
}: {
  entry: CaseEntry;
  names: Names;
  members: { userId: string; label: string }[];
  back: string;
  /** The workspace's time zone: times are shown and due dates entered in it. */
  zone: string;
  actions?: { change: Action; removeContact: Action };
}) {
  const t = await getTranslations("cases");
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (ms: number) => fmtMinute(format, ms, zone, locale);
  const assignee = members.find((m) => m.userId === entry.assigneeId)?.label ?? (entry.assigneeId ? t("formerMember") : t("nobody"));
  const dueDate = dueDateOf(entry.dueAt, zone);
  const id = entry.id;
  return (
    <li id={`case-${id}`} className={`card follow-up case case-${entry.state}`} data-testid="case" data-state={entry.state}>
      <div className="case-head">
        <span className={`badge case-state ${entry.state}`} data-testid="case-state">
          {t(`states.${entry.state}`)}
        </span>
        <span className="badge">{t(`origin.${entry.origin}`)}</span>
        {entry.overdue && <span className="badge shortfall">{t("overdue")}</span>}
      </div>
      <div className="case-body">
        <div className="case-what">
          <WhoAnswered who={entry.who} />
          <ResponseFacts summary={entry} names={names} zone={zone} />
        </div>
        <div className="case-work">
          <dl className="case-facts small">
            <div>
              <dt>{t("assignee")}</dt>
              <dd data-testid="case-assignee">{assignee}</dd>
            </div>
            <div>
              <dt>{t("due")}</dt>
              <dd>{dueDate ? t("dueOn", { date: dueDate }) : t("noDue")}</dd>
            </div>
          </dl>
          <p className="muted small case-times">
            {t("opened", { time: when(entry.openedAt) })}
            {entry.contactedAt !== null && <> · {t("contactedAt", { time: when(entry.contactedAt) })}</>}
            {entry.resolvedAt !== null && <> · {t("resolvedAt", { time: when(entry.resolvedAt) })}</>}
          </p>
          {actions && (
            <div className="case-moves">
              {caseMoves[entry.state].map((to) => (
                <ActionButton
                  key={to}
                  action={actions.change}
                  fields={{ intent: "move", caseId: id, from: entry.state, to, back }}
                  className={to === "open" ? "button secondary small" : "button small"}
                >
                  {t(`move.${to}`)}
                </ActionButton>
              ))}
            </div>
          )}
          {actions && (
            <div className="case-forms">
              <form action={actions.change} className="case-inline-form">
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="caseId" value={id} />
                <input type="hidden" name="back" value={back} />
                <label htmlFor={`assignee-${id}`} className="small">
                  {t("assignee")}
                </label>
                <select id={`assignee-${id}`} name="assignee" defaultValue={entry.assigneeId ?? ""}>
                  <option value="">{t("nobody")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button secondary small">
                  {t("assign")}
                </button>
              </form>
              <form action={actions.change} className="case-inline-form">
                <input type="hidden" name="intent" value="due" />
                <input type="hidden" name="caseId" value={id} />
                <input type="hidden" name="back" value={back} />
                <label htmlFor={`due-${id}`} className="small">
                  {t("due")}
                </label>
                <input id={`due-${id}`} type="date" name="due" defaultValue={dueDate} aria-describedby={`due-hint-${id}`} />
                <button type="submit" className="button secondary small">
                  {t("setDue")}
                </button>
                <span id={`due-hint-${id}`} className="muted small case-hint">
                  {t("dueHint")}
                </span>
              </form>
            </div>
          )}
          <section className="case-notes" aria-label={t("notes")}>
            <h3 className="small-heading">{t("notes")}</h3>
            {entry.notes.length === 0 ? (
              <p className="muted small">{t("noNotes")}</p>
            ) : (
              <ol className="case-thread">
                {entry.notes.map((n) => (
                  <li key={n.id} data-testid="case-note">
                    <div className="muted small">{t("noteBy", { author: n.author ?? t("formerMember"), time: when(n.createdAt) })}</div>
                    <p>{n.text}</p>
                  </li>
                ))}
              </ol>
            )}
            {actions && (
              <form action={actions.change} className="case-note-form">
                <input type="hidden" name="intent" value="note" />
                <input type="hidden" name="caseId" value={id} />
                <input type="hidden" name="back" value={back} />
                <label htmlFor={`note-${id}`} className="small">
                  {t("noteLabel")}
                </label>
                <textarea id={`note-${id}`} name="text" required maxLength={noteMaxLength} rows={2} placeholder={t("notePlaceholder")} />
                <button type="submit" className="button small">
                  {t("addNote")}
                </button>
              </form>
            )}
          </section>
          {actions && entry.who.kind === "contact" && entry.who.source === "consent" && (
            <details className="case-remove">
              <summary className="small">{t("remove.summary")}</summary>
              <form action={actions.removeContact} className="case-note-form">
                <input type="hidden" name="caseId" value={id} />
                <input type="hidden" name="back" value={back} />
                <p className="small">{t("remove.text")}</p>
                <label className="checkbox small">
                  <input type="checkbox" name="confirm" value="yes" required /> {t("remove.confirm")}
                </label>
                <button type="submit" className="button danger small">
                  {t("remove.button")}
                </button>
              </form>
            </details>
          )}
          {actions && entry.who.kind === "contact" && entry.who.source === "invite" && <p className="muted small">{t("remove.invite")}</p>}
        </div>
      </div>
    </li>
  );
}
