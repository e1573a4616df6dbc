"use client";

import { Bar, BarChart, CartesianGrid, Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip, XAxis, YAxis } from "recharts";
import { chartValue } from "./chart-config";

export type RadarPoint = { label: string; expected: number | null; perceived: number | null };

/** Splits a criterion name into lines of about 14 characters at spaces (CJK names stay whole). */
function lines(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(" ")) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + word.length < 14) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

type TickProps = { x?: number | string; y?: number | string; textAnchor?: "start" | "middle" | "end" | "inherit"; payload?: { value?: unknown } };

function WrappedTick({ x = 0, y = 0, textAnchor = "middle", payload }: TickProps) {
  const parts = lines(String(payload?.value ?? ""));
  const top = Number(y) - ((parts.length - 1) * 13) / 2;
  return (
    <text x={x} y={top} textAnchor={textAnchor} fontSize={11} fill="var(--muted)">
      {parts.map((part, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : 13}>
          {part}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Expected vs perceived means per criterion on the rating scale. A radar
 * needs three axes to enclose an area; with fewer criteria the same numbers
 * are drawn as paired bars.
 */
export function ExpectationRadar({ data, scale, labels }: { data: RadarPoint[]; scale: number; labels: { expected: string; perceived: string } }) {
  if (data.length < 3) {
    return (
      <BarChart
        accessibilityLayer={false}
        responsive
        data={data}
        margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
        style={{ width: "100%", height: 300 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis domain={[1, scale]} tickCount={scale} width={32} />
        <Bar dataKey="expected" name={labels.expected} fill="var(--expected)" isAnimationActive={false} />
        <Bar dataKey="perceived" name={labels.perceived} fill="var(--perceived)" isAnimationActive={false} />
        <Legend />
        <Tooltip formatter={chartValue} />
      </BarChart>
    );
  }
  return (
    <RadarChart accessibilityLayer={false} responsive data={data} outerRadius="62%" style={{ width: "100%", height: 340 }}>
      <PolarGrid stroke="var(--border)" />
      <PolarAngleAxis dataKey="label" tick={(props: TickProps) => <WrappedTick {...props} />} />
      <PolarRadiusAxis domain={[1, scale]} tickCount={scale} angle={90} tick={{ fontSize: 10 }} />
      <Radar name={labels.expected} dataKey="expected" stroke="var(--expected)" fill="var(--expected)" fillOpacity={0.12} isAnimationActive={false} />
      <Radar
        name={labels.perceived}
        dataKey="perceived"
        stroke="var(--perceived)"
        fill="var(--perceived)"
        fillOpacity={0.12}
        isAnimationActive={false}
      />
      <Legend />
      <Tooltip formatter={chartValue} />
    </RadarChart>
  );
}
