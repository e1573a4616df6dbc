// Importance–performance analysis (Martilla & James 1977), METHOD.md §4:
// importance = weight points, performance = P̄_c, crosshairs at the means
// over the criteria that have data.

export type Quadrant = "concentrate-here" | "keep-up-the-good-work" | "low-priority" | "possible-overkill";

export type ImportancePerformanceInput = { key: string; importance: number | null; performance: number | null };

export type ImportancePerformance = {
  crosshairs: { importance: number; performance: number } | null;
  criteria: { key: string; importance: number | null; performance: number | null; quadrant: Quadrant | null }[];
};

/** Absorbs the rounding of a mean such as (100/6 + … )/6 against 100/6 itself. */
const TIE = 1e-9;

/**
 * Tie rule: a value on a crosshair counts as high on both axes. For
 * importance this matters with equal weights (the default framework), where
 * every criterion sits on the importance crosshair: all are "high", so
 * performance alone separates concentrate-here from keep-up-the-good-work.
 * Criteria without a performance or importance value get no quadrant and do
 * not move the crosshairs.
 */
export function importancePerformance(criteria: ImportancePerformanceInput[]): ImportancePerformance {
  const withData = criteria.filter(
    (c): c is { key: string; importance: number; performance: number } => c.importance !== null && c.performance !== null,
  );
  if (withData.length === 0) {
    return { crosshairs: null, criteria: criteria.map((c) => ({ ...c, quadrant: null })) };
  }
  const crosshairs = {
    importance: withData.reduce((s, c) => s + c.importance, 0) / withData.length,
    performance: withData.reduce((s, c) => s + c.performance, 0) / withData.length,
  };
  return {
    crosshairs,
    criteria: criteria.map((c) => {
      if (c.importance === null || c.performance === null) return { ...c, quadrant: null };
      const highI = c.importance >= crosshairs.importance - TIE;
      const highP = c.performance >= crosshairs.performance - TIE;
      const quadrant: Quadrant = highI ? (highP ? "keep-up-the-good-work" : "concentrate-here") : highP ? "possible-overkill" : "low-priority";
      return { key: c.key, importance: c.importance, performance: c.performance, quadrant };
    }),
  };
}
