"use client";

import { CartesianGrid, LabelList, ReferenceArea, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { chartValue } from "./chart-config";

export type IpaPoint = { key: string; label: string; importance: number; performance: number };

export type IpaLabels = {
  importance: string;
  performance: string;
  quadrants: { concentrate: string; keepUp: string; lowPriority: string; overkill: string };
};

/**
 * Martilla & James's grid: performance across, importance up, crosshairs at
 * the means over criteria; the quadrant names sit in their corners.
 */
export function ImportancePerformanceChart({
  data,
  crosshairs,
  scale,
  labels,
}: {
  data: IpaPoint[];
  crosshairs: { importance: number; performance: number };
  scale: number;
  labels: IpaLabels;
}) {
  // Points are 0–100; leave headroom above the largest and the crosshair.
  const iTop = Math.min(100, Math.ceil(Math.max(crosshairs.importance * 1.5, ...data.map((d) => d.importance * 1.2)) / 10) * 10);
  const q = labels.quadrants;
  const corner = (value: string, position: "insideTopLeft" | "insideTopRight" | "insideBottomLeft" | "insideBottomRight") => ({
    value,
    position,
    fill: "var(--muted)",
    fontSize: 12,
  });
  return (
    <ScatterChart accessibilityLayer={false} responsive margin={{ top: 16, right: 24, bottom: 28, left: 8 }} style={{ width: "100%", height: 360 }}>
      <CartesianGrid stroke="var(--border)" />
      <XAxis
        type="number"
        dataKey="performance"
        name={labels.performance}
        domain={[1, scale]}
        tickCount={scale}
        label={{ value: labels.performance, position: "insideBottom", offset: -16 }}
      />
      <YAxis
        type="number"
        dataKey="importance"
        name={labels.importance}
        domain={[0, iTop]}
        width={56}
        label={{ value: labels.importance, angle: -90, position: "insideLeft", offset: 10 }}
      />
      <ReferenceArea
        x1={1}
        x2={crosshairs.performance}
        y1={crosshairs.importance}
        y2={iTop}
        fill="var(--shortfall)"
        fillOpacity={0.06}
        label={corner(q.concentrate, "insideTopLeft")}
      />
      <ReferenceArea
        x1={crosshairs.performance}
        x2={scale}
        y1={crosshairs.importance}
        y2={iTop}
        fillOpacity={0}
        label={corner(q.keepUp, "insideTopRight")}
      />
      <ReferenceArea
        x1={1}
        x2={crosshairs.performance}
        y1={0}
        y2={crosshairs.importance}
        fillOpacity={0}
        label={corner(q.lowPriority, "insideBottomLeft")}
      />
      <ReferenceArea
        x1={crosshairs.performance}
        x2={scale}
        y1={0}
        y2={crosshairs.importance}
        fillOpacity={0}
        label={corner(q.overkill, "insideBottomRight")}
      />
      <ReferenceLine x={crosshairs.performance} stroke="var(--muted)" strokeDasharray="4 4" />
      <ReferenceLine y={crosshairs.importance} stroke="var(--muted)" strokeDasharray="4 4" />
      <Scatter data={data} fill="var(--accent)" isAnimationActive={false}>
        <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: "var(--text)" }} />
      </Scatter>
      <Tooltip formatter={chartValue} />
    </ScatterChart>
  );
}
