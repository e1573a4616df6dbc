import type { LinkRow } from "@/db/queries/links";
import { perspectives, type Perspective } from "@/lib/scoring/types";

/** The live internal perspective links, in the perspectives' order (management, standard, delivery, communication). */
export function liveInternalLinks<T extends Pick<LinkRow, "kind" | "perspective" | "revokedAt">>(
  links: readonly T[],
): (T & { perspective: Perspective })[] {
  const rank = (p: string | null) => perspectives.indexOf(p as Perspective);
  return links
    .filter((l): l is T & { perspective: Perspective } => l.kind === "internal" && l.revokedAt === null && rank(l.perspective) >= 0)
    .sort((a, b) => rank(a.perspective) - rank(b.perspective));
}
