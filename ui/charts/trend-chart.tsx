"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, chartSmallFontSize, chartValue } from "./chart-config";

export type TrendDatum = { period: string; responses: number; sq: number | null };

/** Responses per period (bars, right axis) and the service quality gap SQ (line, left axis). */
export function TrendChart({ data, labels }: { data: TrendDatum[]; labels: { responses: string; sq: string } }) {
  return (
    <ComposedChart
      accessibilityLayer={false}
      responsive
      data={data}
      margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
      style={{ width: "100%", height: 300 }}
    >
      <CartesianGrid stroke="var(--border)" vertical={false} />
      <XAxis dataKey="period" tick={{ fontSize: chartSmallFontSize }} minTickGap={16} />
      <YAxis yAxisId="sq" width={48} tickFormatter={axisTick} />
      <YAxis yAxisId="n" orientation="right" width={48} allowDecimals={false} />
      <ReferenceLine yAxisId="sq" y={0} stroke="var(--muted)" />
      <Bar yAxisId="n" dataKey="responses" name={labels.responses} fill="var(--accent)" fillOpacity={0.25} isAnimationActive={false} />
      <Line
        yAxisId="sq"
        dataKey="sq"
        name={labels.sq}
        stroke="var(--shortfall)"
        strokeWidth={2}
        dot={{ r: 2 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Legend />
      <Tooltip formatter={chartValue} />
    </ComposedChart>
  );
}
