import frameworksJson from "./bank/frameworks.json";
import { loadFrameworksFile, type CriterionDefinition, type CriterionKind, type Framework, type FrameworkKey } from "./bank-schema";

export type { CriterionDefinition, CriterionKind, Framework, FrameworkKey };

// Parsed once at module load: a broken edit fails the first import (and the
// test suite) instead of surfacing as an empty dropdown in production.
const file = loadFrameworksFile(frameworksJson, "lib/questions/bank/frameworks.json");

/** The two presets: Grönroos's six criteria (default) and SERVQUAL's five dimensions. */
export const frameworks: Readonly<Record<FrameworkKey, Framework>> = {
  gronroos: file.frameworks[0],
  servqual: file.frameworks[1],
};

/** The preset's definition of a criterion, or undefined for a user-added one. */
export function findCriterion(framework: FrameworkKey, key: string): CriterionDefinition | undefined {
  return frameworks[framework].criteria.find((c) => c.key === key);
}
