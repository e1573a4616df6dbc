import { getTranslations } from "next-intl/server";
import type { z } from "zod";

/** The filter's problems, in the errors namespace's words, instead of figures for a filter that means nothing. */
export async function FilterErrors({ error }: { error: z.ZodError }) {
  const t = await getTranslations("dashboard.filter");
  const te = await getTranslations("errors");
  const codes = [...new Set(error.issues.map((i) => i.message))];
  return (
    <div className="alert error" role="alert" data-testid="filter-errors">
      <p>{t("invalid")}</p>
      <ul>
        {codes.map((code) => (
          <li key={code}>{te.has(code) ? te(code) : te("invalid")}</li>
        ))}
      </ul>
    </div>
  );
}
