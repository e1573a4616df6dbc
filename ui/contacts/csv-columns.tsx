import { getTranslations } from "next-intl/server";

const columns = ["email", "name", "phone", "language", "segment", "externalId"] as const;
const headers: Record<(typeof columns)[number], string> = {
  email: "email",
  name: "name",
  phone: "phone",
  language: "language",
  segment: "segment",
  externalId: "external_id",
};

/** The columns a contacts CSV may have, and (`withExample`) the example file to start from. */
export async function CsvColumns({ withExample = false }: { withExample?: boolean }) {
  const t = await getTranslations("contacts");
  return (
    <>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{t("columns.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.column")}</th>
              <th scope="col">{t("columns.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c}>
                <td>
                  <code>{headers[c]}</code>
                </td>
                <td>{t(`columns.${c}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {withExample && (
        <p style={{ marginTop: "0.75rem" }}>
          <a className="button secondary small" href="/contacts/example.csv" download>
            {t("empty.example")}
          </a>
        </p>
      )}
    </>
  );
}
