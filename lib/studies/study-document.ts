import type { Reader } from "@/db/client";
import { loadDraft, listVersions, type StudyRow } from "@/db/queries/studies";

/** The study as the API shows it: settings, the draft questionnaire, and its versions. */
export async function studyDocument(db: Reader, study: StudyRow) {
  const [draft, versions] = await Promise.all([loadDraft(db, study.id), listVersions(db, study.id)]);
  return {
    id: study.id,
    name: study.name,
    provider: study.provider,
    industry: study.industry,
    scale: study.scale,
    languages: study.languages,
    framework: study.framework,
    askImportance: study.askImportance,
    segments: study.segments,
    archived: study.archivedAt !== null,
    createdAt: new Date(study.createdAt).toISOString(),
    criteria: draft.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      weight: c.weight,
      items: c.items.map((i) => ({ id: i.id, key: i.key, text: i.text, reverse: i.reverse, locked: i.locked })),
    })),
    weights: Object.fromEntries(draft.map((c) => [c.key, c.weight])),
    versions: versions.map((v) => ({
      version: v.number,
      id: v.id,
      publishedAt: new Date(v.publishedAt).toISOString(),
      criteria: v.snapshot.criteria.map((c) => ({
        id: c.id,
        key: c.key,
        weight: c.weight,
        items: c.items.map((i) => ({ id: i.id, key: i.key })),
      })),
    })),
  };
}
