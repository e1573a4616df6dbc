"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartFontSize, chartSmallFontSize, chartValue } from "./chart-config";

export type ChainPoint = { step: string; level: number | null };

/**
 * One criterion's chain E → M → S → D → P: where the line drops is where the
 * level is lost. C, the level communication promises, is a dashed line.
 */
export function LevelChainChart({
  points,
  promised,
  promisedLabel,
  scale,
}: {
  points: ChainPoint[];
  promised: number | null;
  promisedLabel: string;
  scale: number;
}) {
  return (
    <div style={{ width: "100%", height: 180 }} aria-hidden="true">
      <ResponsiveContainer>
        <LineChart accessibilityLayer={false} data={points} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="step" tick={{ fontSize: chartFontSize }} />
          <YAxis domain={[1, scale]} ticks={Array.from({ length: scale }, (_, i) => i + 1)} tick={{ fontSize: chartSmallFontSize }} width={28} />
          <Tooltip formatter={chartValue} />
          {promised !== null && (
            <ReferenceLine
              y={promised}
              stroke="var(--gap4)"
              strokeDasharray="6 4"
              label={{ value: promisedLabel, position: "insideTopRight", fontSize: chartSmallFontSize }}
            />
          )}
          <Line type="linear" dataKey="level" stroke="var(--accent)" strokeWidth={2} connectNulls dot={{ r: 4 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
