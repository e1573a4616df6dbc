"use client";

import { CartesianGrid, LabelList, ReferenceArea, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { chartValue } from "./chart-config";

/** `number`: the point's mark on the chart, its name in the legend below it (names beside points ran into each other). */
export type IpaPoint = { key: string; label: string; number: number; importance: number; performance: number };

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
  // The low-performance quadrants take this share of the plot's width, the others the rest.
  const leftShare = (crosshairs.performance - 1) / (scale - 1);
  const corner = (value: string, position: "insideTopLeft" | "insideTopRight" | "insideBottomLeft" | "insideBottomRight") => {
    const right = position.endsWith("Right");
    const neighbour = position === "insideTopRight" ? q.concentrate : position === "insideBottomRight" ? q.lowPriority : null;
    return { position, content: cornerLabel(value, right, position.startsWith("insideTop"), right ? 1 - leftShare : leftShare, neighbour) };
  };
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
        <LabelList dataKey="number" position="right" style={{ fontSize: 12, fontWeight: 600, fill: "var(--text)" }} />
      </Scatter>
      <Tooltip formatter={chartValue} />
    </ScatterChart>
  );
}

type Box = { x: number; y: number; width: number; height: number };

/** About how wide a text is at 12px: full-width characters 12px, others 6.6px. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.6), 0);

const partsOf = (name: string) => name.split(/(?<=[,、，])\s*/).filter((part) => part !== "");

/**
 * A quadrant's name in its corner, one line per part (after its comma:
 * "Higher importance, / lower performance", 「重要性較高、/表現較低」) and
 * wrapped by words where the room is short: the names say what the quadrant
 * is, so they are long, and on one line the two top (or bottom) names ran
 * into each other. A right-hand name may use the row's width left over by
 * its left-hand `neighbour`.
 */
function cornerLabel(value: string, right: boolean, top: boolean, share: number, neighbour: string | null) {
  const lineHeight = 14;
  const parts = partsOf(value);
  function CornerLabel(props: { viewBox?: unknown }) {
    const box = props.viewBox as Partial<Box> | undefined;
    if (!box || box.x === undefined || box.y === undefined || box.width === undefined || box.height === undefined) return null;
    const plotWidth = share > 0 ? box.width / share : box.width;
    const neighbourWidth = neighbour === null ? 0 : Math.min(plotWidth - box.width - 12, Math.max(...partsOf(neighbour).map(textWidth)));
    const room = Math.max(60, box.width - 12, right ? plotWidth - neighbourWidth - 30 : 0);
    const lines: string[] = [];
    for (const part of parts) {
      let line = "";
      for (const word of part.split(/(?<=\s)/)) {
        if (line !== "" && textWidth((line + word).trimEnd()) > room) {
          lines.push(line.trimEnd());
          line = "";
        }
        line += word;
      }
      lines.push(line.trimEnd());
    }
    const x = right ? box.x + box.width - 6 : box.x + 6;
    const y = top ? box.y + 16 : box.y + box.height - 8 - (lines.length - 1) * lineHeight;
    return (
      <text x={x} y={y} textAnchor={right ? "end" : "start"} fill="var(--muted)" fontSize={12}>
        {lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? 0 : lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  }
  return CornerLabel;
}
