import { getFormatter, getTranslations } from "next-intl/server";

// The demo job while it has not ended: a progress bar of the customer
// responses stored. The page around it refreshes itself.

export async function DemoProgress({ stage, done, total }: { stage: "waiting" | "running"; done: number; total: number }) {
  const t = await getTranslations("demo.progress");
  const format = await getFormatter();
  return (
    <section className="card import-progress" aria-labelledby="demo-progress-heading">
      <h2 id="demo-progress-heading">{t("heading")}</h2>
      <progress
        className="import-progress-bar"
        value={done}
        max={Math.max(total, 1)}
        aria-labelledby="demo-progress-heading"
        aria-describedby="demo-progress-rows"
      />
      <p id="demo-progress-rows" className={stage === "waiting" ? "import-progress-rows waiting" : "import-progress-rows"}>
        {stage === "waiting" ? t("waiting") : t("rows", { done: format.number(done), total: format.number(total) })}
      </p>
      <p className="muted small">{t("leave")}</p>
    </section>
  );
}
