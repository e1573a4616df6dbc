import { getFormatter, getTranslations } from "next-intl/server";
import type { Role } from "@/db/schema";
import { revokeKey } from "@/app/(manage)/settings/actions";
import { CreateApiKeyForm } from "./create-api-key-form";
import { ActionButton } from "@/ui/forms/action-button";
import { CardSection } from "@/ui/layout/card-section";

type ApiKey = { id: string; name: string | null; prefix: string; role: Role; createdAt: number; revokedAt: number | null };

/** The workspace's API keys (only their prefix is kept), "revoke" on the live ones, and the form to create one. */
export async function ApiKeysSection({ keys }: { keys: ApiKey[] }) {
  const t = await getTranslations("settings");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  return (
    <CardSection headingId="keys-heading" title={t("apiKeys.title")} intro={t("apiKeys.intro")}>
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
                      <ActionButton action={revokeKey} fields={{ id: key.id }}>
                        {t("apiKeys.revoke")}
                      </ActionButton>
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
    </CardSection>
  );
}
