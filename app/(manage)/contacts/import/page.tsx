import Link from "next/link";
import { cookies } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/current-user";
import { contactImportLimits } from "@/lib/contacts/csv-import";
import { decodeReport, reportCookie } from "@/lib/contacts/import-report-cookie";
import { ContactImportReport } from "@/ui/contacts/contact-import-report";
import { CsvColumns } from "@/ui/contacts/csv-columns";
import { CardSection } from "@/ui/layout/card-section";
import { PageHead } from "@/ui/layout/page-head";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const errorCodes = ["tooLarge", "noFile"] as const;

export async function generateMetadata() {
  const t = await getTranslations("contacts");
  return { title: t("import.title") };
}

/**
 * Contacts from a CSV file: a plain multipart POST to ./upload (works
 * without JavaScript), which stores the file all or nothing and comes back
 * to the contacts with what it did, or here with the problems (?report=…).
 */
export default async function ImportContactsPage({ searchParams }: Props) {
  await requirePermission("write");
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  const query = await searchParams;
  const error = errorCodes.find((code) => code === query.error);
  const stored = decodeReport((await cookies()).get(reportCookie)?.value);
  const report = stored && typeof query.report === "string" && stored.id === query.report ? stored : null;
  const mb = contactImportLimits.bytes / (1024 * 1024);

  return (
    <>
      <div className="crumbs">
        <Link href="/contacts">← {t("edit.back")}</Link>
      </div>
      <PageHead title={t("import.title")} intro={t("import.intro")} />

      {error && (
        <div className="alert error" role="alert">
          {t(`import.${error}`, { mb })}
        </div>
      )}
      {report && <ContactImportReport report={report} />}

      <section className="card form-card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{report ? t("import.againTitle") : t("import.title")}</h2>
        <form method="post" action="/contacts/import/upload" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="contacts-file">{t("import.file")}</label>
            <input id="contacts-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="contacts-file-hint" />
            <div className="hint" id="contacts-file-hint">
              {t("import.fileHint", { mb, rows: format.number(contactImportLimits.rows) })}
            </div>
          </div>
          <button type="submit" className="button">
            {t("import.submit")}
          </button>
        </form>
      </section>

      <CardSection headingId="columns-heading" title={t("import.columnsTitle")} intro={t("empty.howText")}>
        <CsvColumns withExample />
      </CardSection>
    </>
  );
}
