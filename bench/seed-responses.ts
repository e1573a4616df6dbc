import { getDb, transaction } from "@/db/client";
import { insertResponse, replaceAnswers } from "@/db/queries/responses";
import { findStudy, listVersions, type VersionRow } from "@/db/queries/studies";
import { CustomerBucketSums } from "@/lib/results/customer-buckets";
import { contributionOf } from "@/lib/scoring/aggregates";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { versionDefinition } from "@/lib/studies/version-definition";
import { studyCreateSchema } from "@/lib/validation/study";

// Many customer responses of one published version, fast: responses and
// packed answers in transactions of 5,000, the submit path's contribution
// rule, contributions summed per bucket in memory and written once. The same
// data every time (a fixed-seed generator): four segments, 90 days from
// 2026-01-01, 8 % of items not applicable. Import this module only after
// DATABASE_URL is set (the client reads it on first use).

/**
 * The benches' study, published: 6 criteria of 4+4+4+4+5+5 = 26 items (two
 * reverse-scored), weights 25/20/15/20/10/10. Returns it with its version.
 */
export async function createBenchStudy(workspaceId: string) {
  const sizes = [4, 4, 4, 4, 5, 5];
  const weights = [25, 20, 15, 20, 10, 10];
  const created = await createStudy(
    workspaceId,
    studyCreateSchema.parse({
      name: "Bench",
      provider: "Bench Hotel",
      scale: 7,
      criteria: sizes.map((size, c) => ({
        key: `c${c}`,
        name: { en: `Criterion ${c}` },
        weight: weights[c],
        items: Array.from({ length: size }, (_, i) => ({ key: `c${c}i${i}`, text: { en: `Item ${c}.${i}` }, reverse: i === 3 && c < 2 })),
      })),
    }),
  );
  const published = await publishDraft(workspaceId, created.id, null);
  if (!published.ok) throw new Error("publish failed");
  const study = (await findStudy(getDb(), workspaceId, created.id))!;
  const [version] = await listVersions(getDb(), study.id);
  return { study, version };
}

export async function seedCustomerResponses(
  studyId: string,
  version: Pick<VersionRow, "id" | "snapshot">,
  count: number,
): Promise<{ seedMs: number; buckets: number }> {
  const definition = versionDefinition(version.snapshot);
  const items = definition.criteria.flatMap((c) => c.items);
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const segments = ["", "Branch A", "Branch B", "Branch C"];
  const start = Date.UTC(2026, 0, 1);
  const days = 90;
  const sums = new CustomerBucketSums();
  const seedStart = performance.now();
  const chunk = 5_000;
  for (let from = 0; from < count; from += chunk) {
    await transaction(async (tx) => {
      for (let r = from; r < Math.min(count, from + chunk); r++) {
        const id = `r${String(r).padStart(7, "0")}`;
        const submittedAt = start + Math.floor((r / count) * days * 86_400_000) + Math.floor(rnd() * 3_600_000);
        const segment = segments[Math.floor(rnd() * segments.length)];
        const answers = items.map((item, k) => {
          if (rnd() < 0.08) return { itemId: item.id, expected: null, perceived: null };
          const e = Math.min(7, 5 + Math.floor(rnd() * 3));
          const p = Math.max(1, Math.min(7, e - Math.floor(rnd() * 3) + (k % 5 === 0 ? 1 : 0)));
          return { itemId: item.id, expected: e, perceived: p };
        });
        await insertResponse(tx, {
          id,
          studyId,
          versionId: version.id,
          perspective: "customer",
          segment,
          language: "en",
          source: "import",
          status: "submitted",
          startedAt: submittedAt,
          submittedAt,
          // Spread like a respondent's weighted gap, for the follow-up list's ranking.
          gap: Math.round((rnd() * 4 - 1) * 100) / 100,
        });
        await replaceAnswers(tx, studyId, id, answers);
        sums.add({ versionId: version.id, segment, submittedAt }, contributionOf(definition, answers));
      }
    });
  }
  await transaction((tx) => sums.write(tx, studyId));
  return { seedMs: performance.now() - seedStart, buckets: sums.size };
}
