"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { changeRole } from "@/app/(manage)/settings/actions";
import { roles, type Role } from "@/db/schema/shared";
import type { FormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/ui/forms/form-message";

/** One member's role with its Change button; a refused change (the last owner) says why beside it. */
export function RoleForm({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState<FormState, FormData>(changeRole, {});
  const refusal = state.message && t.has(`members.refused.${state.message}`) ? t(`members.refused.${state.message}`) : undefined;
  return (
    <form action={action}>
      <div className="actions">
        <input type="hidden" name="userId" value={userId} />
        <label className="visually-hidden" htmlFor={`role-${userId}`}>
          {t("members.roleOf", { email })}
        </label>
        <select id={`role-${userId}`} name="role" defaultValue={role} style={{ width: "auto" }}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {tc(`roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary small" disabled={pending}>
          {t("members.changeRole")}
        </button>
      </div>
      <FormMessage message={refusal} />
    </form>
  );
}
