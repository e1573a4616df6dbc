"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { Verdict } from "@/lib/scoring/types";
import { axisTick, chartFontSize, chartValue } from "./chart-config";

export type CriterionGap = { key: string; label: string; gap: number; verdict: Verdict | null };

const colour = (verdict: Verdict | null) => (verdict ? `var(--${verdict})` : "var(--border)");

/** Criterion gaps E − P as horizontal bars, in the order given, coloured by verdict. */
export function CriterionGapChart({ data, gapLabel }: { data: CriterionGap[]; gapLabel: string }) {
  const extent = Math.max(0.5, ...data.map((d) => Math.abs(d.gap)));
  const limit = Math.ceil(extent * 2) / 2;
  const ticks = Array.from({ length: Math.round((2 * limit) / 0.5) + 1 }, (_, i) => -limit + i * 0.5).filter(
    (_, i, all) => all.length <= 9 || i % 2 === 0,
  );
  // Room for the longest name, within reason, so a phone still has space for the bars.
  const textWidth = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12 : 7), 0);
  const labelWidth = Math.min(150, Math.max(60, Math.max(...data.map((d) => textWidth(d.label))) + 12));
  return (
    <BarChart
      accessibilityLayer={false}
      responsive
      layout="vertical"
      data={data}
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      style={{ width: "100%", height: Math.max(160, 44 * data.length + 40) }}
    >
      <CartesianGrid horizontal={false} stroke="var(--border)" />
      <XAxis type="number" domain={[-limit, limit]} ticks={ticks} tickFormatter={axisTick} />
      <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: chartFontSize }} />
      <ReferenceLine x={0} stroke="var(--text)" />
      <Tooltip formatter={(v) => [chartValue(v), gapLabel]} />
      <Bar dataKey="gap" name={gapLabel} isAnimationActive={false}>
        {data.map((d) => (
          <Cell key={d.key} fill={colour(d.verdict)} />
        ))}
      </Bar>
    </BarChart>
  );
}
