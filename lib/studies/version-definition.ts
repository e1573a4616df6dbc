import type { VersionSnapshot } from "@/db/schema";
import type { VersionDefinition } from "@/lib/scoring/types";

/** The part of a stored snapshot the scoring maths needs. */
export function versionDefinition(snapshot: VersionSnapshot): VersionDefinition {
  return {
    scale: snapshot.scale,
    criteria: snapshot.criteria.map((c) => ({
      id: c.id,
      key: c.key,
      weight: c.weight,
      items: c.items.map((i) => ({ id: i.id, key: i.key, reverse: i.reverse })),
    })),
  };
}
