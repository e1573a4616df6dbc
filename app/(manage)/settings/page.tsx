import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { listApiKeys } from "@/db/queries/api-keys";
import { requirePermission } from "@/lib/auth/current-user";
import { removeMember, revokeKey } from "./actions";
import { AddMemberForm } from "@/ui/settings/add-member-form";
import { CreateApiKeyForm } from "@/ui/settings/create-api-key-form";
import { RoleForm } from "@/ui/settings/role-form";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const owner = await requirePermission("admin");
  const t = await getTranslations("settings");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const [members, keys] = await Promise.all([listMembers(getDb(), owner.workspaceId), listApiKeys(getDb(), owner.workspaceId)]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t("members.title")}</h2>
        <p className="muted small">{t("members.rolesExplained")}</p>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("members.email")}</th>
                <th>{t("members.role")}</th>
                <th>
                  <span className="visually-hidden">{t("members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId}>
                  <td>{member.email}</td>
                  <td>
                    <RoleForm userId={member.userId} email={member.email} role={member.role} />
                  </td>
                  <td>
                    {member.userId !== owner.userId && (
                      <form action={removeMember}>
                        <input type="hidden" name="userId" value={member.userId} />
                        <button type="submit" className="button danger small">
                          {t("members.remove")}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 style={{ marginTop: "1.25rem" }}>{t("members.addTitle")}</h3>
        <AddMemberForm />
      </section>

      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t("apiKeys.title")}</h2>
        <p className="muted small">{t("apiKeys.intro")}</p>
        {keys.length > 0 && (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("apiKeys.name")}</th>
                  <th>{t("apiKeys.prefix")}</th>
                  <th>{t("members.role")}</th>
                  <th>{t("apiKeys.created")}</th>
                  <th>{t("apiKeys.status")}</th>
                  <th>
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name || "—"}</td>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{tc(`roles.${key.role}`)}</td>
                    <td>{format.dateTime(new Date(key.createdAt), { dateStyle: "medium" })}</td>
                    <td>{key.revokedAt ? t("apiKeys.revoked") : t("apiKeys.active")}</td>
                    <td>
                      {!key.revokedAt && (
                        <form action={revokeKey}>
                          <input type="hidden" name="id" value={key.id} />
                          <button type="submit" className="button danger small">
                            {t("apiKeys.revoke")}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 style={{ marginTop: "1.25rem" }}>{t("apiKeys.createTitle")}</h3>
        <CreateApiKeyForm />
      </section>
    </>
  );
}
