import type { Perspective } from "@/lib/scoring/types";

// The closed vocabularies of a stored response. Pure, so the database schema,
// the API and the importer can share them.

/** How a response reached the study: the survey pages, the REST API, or a CSV import. */
export const responseSources = ["survey", "api", "import"] as const;
export type ResponseSource = (typeof responseSources)[number];

/** Who answered: a customer, or one of the internal perspectives (M, S, D, C). */
export type RespondentPerspective = "customer" | Perspective;
