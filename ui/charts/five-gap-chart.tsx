"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartFontSize, chartValue } from "./chart-config";

export type FiveGapRow = { criterion: string } & Partial<Record<"g1" | "g2" | "g3" | "g4" | "g5", number | null>>;

const colours = ["var(--gap1)", "var(--gap2)", "var(--gap3)", "var(--gap4)", "var(--gap5)"];

/**
 * Gaps 1–5 per criterion as grouped horizontal bars (criteria down the side,
 * so long names stay readable on a phone); right of zero = shortfall.
 */
export function FiveGapChart({ data, labels }: { data: FiveGapRow[]; labels: Record<"g1" | "g2" | "g3" | "g4" | "g5", string> }) {
  const keys = ["g1", "g2", "g3", "g4", "g5"] as const;
  return (
    <div style={{ width: "100%", height: 70 + data.length * 80 }} aria-hidden="true">
      <ResponsiveContainer>
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 12, bottom: 8, left: 0 }} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: chartFontSize }} />
          <YAxis type="category" dataKey="criterion" tick={{ fontSize: chartFontSize }} width={120} interval={0} />
          <ReferenceLine x={0} stroke="#888" />
          <Tooltip formatter={chartValue} />
          <Legend wrapperStyle={{ fontSize: chartFontSize }} />
          {keys.map((key, i) => (
            <Bar key={key} dataKey={key} name={labels[key]} fill={colours[i]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
