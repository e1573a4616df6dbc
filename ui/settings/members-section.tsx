import { getTranslations } from "next-intl/server";
import type { Role } from "@/db/schema";
import { mayRemoveMember } from "@/lib/accounts/members";
import { removeMember } from "@/app/(manage)/settings/actions";
import { AddMemberForm } from "./add-member-form";
import { MemberResetOutcome, MemberResetProvider, ResetMemberButton } from "./member-reset";
import { RoleForm } from "./role-form";
import { ActionButton } from "@/ui/forms/action-button";
import { CardSection } from "@/ui/layout/card-section";

type Member = { userId: string; email: string; role: Role };

/** The workspace's members with their roles, "reset password" and "remove" on everyone but the owner viewing, and the form to add one. */
export async function MembersSection({ members, viewerId }: { members: Member[]; viewerId: string }) {
  const t = await getTranslations("settings.members");
  return (
    <CardSection headingId="members-heading" title={t("title")} intro={t("rolesExplained")}>
      <MemberResetProvider>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("email")}</th>
                <th>{t("role")}</th>
                <th>
                  <span className="visually-hidden">{t("actions")}</span>
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
                    {mayRemoveMember(viewerId, member.userId) && (
                      <div className="actions">
                        <ResetMemberButton userId={member.userId} email={member.email} />
                        <ActionButton action={removeMember} fields={{ userId: member.userId }}>
                          {t("remove")}
                        </ActionButton>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MemberResetOutcome />
      </MemberResetProvider>
      <h3 style={{ marginTop: "1.25rem" }}>{t("addTitle")}</h3>
      <AddMemberForm />
    </CardSection>
  );
}
