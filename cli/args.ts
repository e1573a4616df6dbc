import { getDb } from "@/db/client";
import { findStudyById } from "@/db/queries/studies";

/** A command's parsed options (node:util parseArgs values). */
export type Values = Record<string, string | boolean | undefined>;

/** The study named by --study, or an error that says what is missing. */
export async function studyOf(values: Values) {
  const id = values.study;
  if (typeof id !== "string" || !id) throw new Error("--study is required.");
  const study = await findStudyById(getDb(), id);
  if (!study) throw new Error(`No study with id ${id}.`);
  return study;
}
