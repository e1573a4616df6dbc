import type { Verdict } from "@/lib/scoring/types";
import { fmtGap } from "@/lib/format";
import { axisTick } from "../chart-config";
import { Lines, SvgFrame } from "./frame";
import { r2, textWidth, wrapText } from "./text";

export type GapBar = { key: string; label: string; gap: number; verdict: Verdict | null };

const colour = (verdict: Verdict | null) => (verdict ? `var(--${verdict})` : "var(--border)");

/**
 * Criterion gaps E − P as horizontal bars drawn on the server (no script:
 * prints the moment the page arrives), right of 0 = shortfall, coloured by verdict.
 */
export function GapBarsSvg({ id, data, title, description }: { id: string; data: GapBar[]; title: string; description: string }) {
  const width = 440;
  const font = 12;
  const lineHeight = 14;
  const rowHeight = 32;
  const top = 6;
  const labels = data.map((d) => wrapText(d.label, 136, font, 2));
  const labelWidth = Math.min(140, Math.max(48, ...labels.flat().map((l) => textWidth(l, font)))) + 6;
  const valueRoom = 40;
  const x0 = labelWidth + 8 + valueRoom;
  const x1 = width - valueRoom;
  const extent = Math.max(0.5, ...data.map((d) => Math.abs(d.gap)));
  const limit = Math.ceil(extent * 2) / 2;
  const step = limit > 2 ? 1 : 0.5;
  const ticks: number[] = [];
  for (let v = -limit; v <= limit + 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
  const x = (v: number) => r2(x0 + ((v + limit) / (2 * limit)) * (x1 - x0));
  const plotBottom = top + data.length * rowHeight;
  const height = plotBottom + 22;
  return (
    <SvgFrame id={id} title={title} description={description} width={width} height={height}>
      <g className="chart-grid" stroke="var(--border)" strokeWidth={1}>
        {ticks.map((v) => (
          <line key={v} x1={x(v)} x2={x(v)} y1={top} y2={plotBottom} />
        ))}
      </g>
      <g fontSize={font} fill="var(--muted)" textAnchor="middle">
        {ticks.map((v) => (
          <text key={v} x={x(v)} y={plotBottom + 15}>
            {axisTick(v)}
          </text>
        ))}
      </g>
      {data.map((d, i) => {
        const mid = top + i * rowHeight + rowHeight / 2;
        const a = x(0);
        const b = x(d.gap);
        return (
          <g key={d.key} data-key={d.key}>
            <text x={labelWidth} y={mid + 4} fontSize={font} fill="var(--text)" textAnchor="end">
              <Lines lines={labels[i]} x={labelWidth} y={mid + 4} lineHeight={lineHeight} />
            </text>
            <rect x={Math.min(a, b)} y={r2(mid - 9)} width={r2(Math.max(1, Math.abs(b - a)))} height={18} fill={colour(d.verdict)} />
            <text
              x={d.gap >= 0 ? b + 4 : b - 4}
              y={mid + 4}
              fontSize={font}
              fill="var(--text)"
              textAnchor={d.gap >= 0 ? "start" : "end"}
              style={{ fontVariantNumeric: "tabular-nums" }}
            >
              {fmtGap(d.gap)}
            </text>
          </g>
        );
      })}
      <line x1={x(0)} x2={x(0)} y1={top} y2={plotBottom} stroke="var(--text)" strokeWidth={1.5} />
    </SvgFrame>
  );
}
