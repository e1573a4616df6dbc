import { axisTick } from "../chart-config";
import { SvgFrame } from "./frame";
import { r2, textWidth, wrapText } from "./text";

export type IpaSvgPoint = { key: string; label: string; importance: number; performance: number };

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Martilla & James's grid drawn on the server: performance across,
 * importance up, crosshairs at the means. Points carry numbers, placed where
 * they collide with nothing already drawn, and the list below names them,
 * so long names never overlap however close the points lie.
 */
export function IpaSvg({
  id,
  data,
  crosshairs,
  scale,
  title,
  description,
  labels,
  width = 640,
  height = 380,
  className,
}: {
  /** The drawing's own size: a narrow one for phones keeps the text legible when scaled down. */
  width?: number;
  height?: number;
  className?: string;
  id: string;
  data: IpaSvgPoint[];
  crosshairs: { importance: number; performance: number };
  scale: number;
  title: string;
  description: string;
  labels: { importance: string; performance: string; quadrants: { concentrate: string; keepUp: string; lowPriority: string; overkill: string } };
}) {
  const left = width < 500 ? 44 : 52;
  const right = 16;
  const top = 12;
  const bottom = 44;
  const iTop = Math.min(100, Math.ceil(Math.max(crosshairs.importance * 1.5, ...data.map((d) => d.importance * 1.2)) / 10) * 10);
  const x = (v: number) => r2(left + ((v - 1) / (scale - 1)) * (width - left - right));
  const y = (v: number) => r2(top + (1 - v / iTop) * (height - top - bottom));
  const cx = x(crosshairs.performance);
  const cy = y(crosshairs.importance);
  const yTicks = Array.from({ length: iTop / 10 + 1 }, (_, i) => i * 10).filter((v, _, all) => all.length <= 6 || v % 20 === 0);
  const xTicks = Array.from({ length: scale }, (_, i) => i + 1);
  const font = 11;
  const q = labels.quadrants;
  // The quadrant names in the plot's corners, each within half its width (two lines at most), so they never meet.
  const half = (width - left - right) / 2 - 10;
  const corner = (text: string, side: "start" | "end", edge: "top" | "bottom") => {
    const lines = wrapText(text, half, font, 2);
    const x = side === "start" ? left + 6 : width - right - 6;
    const y = edge === "top" ? top + 14 : height - bottom - 8 - (lines.length - 1) * 13;
    return { text, lines, x, y, anchor: side };
  };
  const corners = [
    corner(q.concentrate, "start", "top"),
    corner(q.keepUp, "end", "top"),
    corner(q.lowPriority, "start", "bottom"),
    corner(q.overkill, "end", "bottom"),
  ];
  // Everything a number must not cover: the points themselves and the corner names.
  const taken: Box[] = [
    ...data.map((d) => ({ x: x(d.performance) - 5, y: y(d.importance) - 5, w: 10, h: 10 })),
    ...corners.map((c) => {
      const w = Math.max(...c.lines.map((l) => textWidth(l, font)));
      return { x: c.anchor === "start" ? c.x : c.x - w, y: c.y - 11, w, h: 14 + (c.lines.length - 1) * 13 };
    }),
  ];
  const placed = data.map((d, i) => {
    const text = String(i + 1);
    const w = textWidth(text, font) + 2;
    const px = x(d.performance);
    const py = y(d.importance);
    const candidates = [
      { x: px + 7, y: py - 6 },
      { x: px - 7 - w, y: py - 6 },
      { x: px - w / 2, y: py - 20 },
      { x: px - w / 2, y: py + 7 },
      { x: px + 6, y: py - 18 },
      { x: px - 6 - w, y: py - 18 },
      { x: px + 6, y: py + 5 },
      { x: px - 6 - w, y: py + 5 },
    ].map((c) => ({ ...c, w, h: 13 }));
    const inside = (b: Box) => b.x >= left && b.x + b.w <= width - right && b.y >= top && b.y + b.h <= height - bottom;
    const box = candidates.find((b) => inside(b) && !taken.some((t) => overlaps(b, t))) ?? candidates[0];
    taken.push(box);
    return { key: d.key, text, box };
  });
  return (
    <SvgFrame id={id} title={title} description={description} width={width} height={height} className={className}>
      <rect x={left} y={top} width={r2(cx - left)} height={r2(cy - top)} fill="var(--shortfall)" fillOpacity={0.07} />
      <rect x={left} y={top} width={width - left - right} height={height - top - bottom} fill="none" stroke="var(--border)" />
      <g stroke="var(--border)" strokeWidth={0.75}>
        {xTicks.map((v) => (
          <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={top} y2={height - bottom} />
        ))}
        {yTicks.map((v) => (
          <line key={`y${v}`} x1={left} x2={width - right} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <g fontSize={font} fill="var(--muted)">
        {xTicks.map((v) => (
          <text key={v} x={x(v)} y={height - bottom + 14} textAnchor="middle">
            {v}
          </text>
        ))}
        {yTicks.map((v) => (
          <text key={v} x={left - 5} y={y(v) + 4} textAnchor="end">
            {axisTick(v)}
          </text>
        ))}
        <text x={r2((left + width - right) / 2)} y={height - 6} textAnchor="middle" fill="var(--text)">
          {labels.performance}
        </text>
        {/[\u2e80-\u9fff]/.test(labels.importance) ? (
          // Chinese reads upright, one character under the other.
          <text x={12} textAnchor="middle" fill="var(--text)">
            {[...labels.importance].map((ch, i, all) => (
              <tspan key={i} x={12} y={r2((top + height - bottom) / 2 - ((all.length - 1) * 13) / 2 + i * 13 + 4)}>
                {ch}
              </tspan>
            ))}
          </text>
        ) : (
          <text
            x={12}
            y={r2((top + height - bottom) / 2)}
            textAnchor="middle"
            fill="var(--text)"
            transform={`rotate(-90 12 ${r2((top + height - bottom) / 2)})`}
          >
            {labels.importance}
          </text>
        )}
      </g>
      <g stroke="var(--muted)" strokeDasharray="4 4">
        <line x1={cx} x2={cx} y1={top} y2={height - bottom} />
        <line x1={left} x2={width - right} y1={cy} y2={cy} />
      </g>
      <g fontSize={font} fill="var(--muted)">
        {corners.map((c) => (
          <text key={c.text} x={c.x} y={c.y} textAnchor={c.anchor}>
            {c.lines.map((line, i) => (
              <tspan key={i} x={c.x} y={c.y + i * 13}>
                {line}
              </tspan>
            ))}
          </text>
        ))}
      </g>
      {data.map((d) => (
        <circle key={d.key} cx={x(d.performance)} cy={y(d.importance)} r={5} fill="var(--accent)" stroke="#fff" strokeWidth={1} />
      ))}
      <g fontSize={font} fontWeight={700} fill="var(--text)">
        {placed.map((p) => (
          <text key={p.key} x={r2(p.box.x + 1)} y={r2(p.box.y + 10)}>
            {p.text}
          </text>
        ))}
      </g>
    </SvgFrame>
  );
}

/** The names behind the grid's numbers, as a list under the chart. */
export function IpaLegend({ data }: { data: IpaSvgPoint[] }) {
  return (
    <ol className="chart-legend" data-testid="ipa-legend">
      {data.map((d) => (
        <li key={d.key}>{d.label}</li>
      ))}
    </ol>
  );
}
