"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type GapBarsRow = { criterion: string } & Partial<Record<"g1" | "g2" | "g3" | "g4" | "g5", number | null>>;

const colours = ["var(--gap1)", "var(--gap2)", "var(--gap3)", "var(--gap4)", "var(--gap5)"];

/**
 * Gaps 1–5 per criterion as grouped horizontal bars (criteria down the side,
 * so long names stay readable on a phone); right of zero = shortfall.
 */
export function GapBarsChart({ data, labels }: { data: GapBarsRow[]; labels: Record<"g1" | "g2" | "g3" | "g4" | "g5", string> }) {
  const keys = ["g1", "g2", "g3", "g4", "g5"] as const;
  return (
    <div style={{ width: "100%", height: 70 + data.length * 80 }} aria-hidden="true">
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 12, bottom: 8, left: 0 }} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="criterion" tick={{ fontSize: 12 }} width={120} interval={0} />
          <ReferenceLine x={0} stroke="#888" />
          <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(2) : "—")} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((key, i) => (
            <Bar key={key} dataKey={key} name={labels[key]} fill={colours[i]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
