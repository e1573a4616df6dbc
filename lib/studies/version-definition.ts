import type { VersionSnapshot } from "@/db/schema";
import type { VersionDefinition } from "@/lib/scoring/types";

// One definition per snapshot object: a published snapshot is kept per
// process (lib/responses/published-version.ts) and scored on every submit.
// Snapshots are values: nothing changes one after reading it.
const definitions = new WeakMap<VersionSnapshot, VersionDefinition>();

/** The part of a stored snapshot the scoring maths needs (shared: do not modify it). */
export function versionDefinition(snapshot: VersionSnapshot): VersionDefinition {
  let definition = definitions.get(snapshot);
  if (!definition) definitions.set(snapshot, (definition = definitionOf(snapshot)));
  return definition;
}

function definitionOf(snapshot: VersionSnapshot): VersionDefinition {
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
