import { fmt } from "@/lib/format";
import { Lines, SvgFrame } from "./frame";
import { r2, wrapText } from "./text";

export type ExpectationPoint = { key: string; label: string; expected: number | null; perceived: number | null };

type Props = {
  id: string;
  data: ExpectationPoint[];
  scale: number;
  title: string;
  description: string;
  labels: { expected: string; perceived: string };
};

function Legend({ x, y, labels }: { x: number; y: number; labels: { expected: string; perceived: string } }) {
  return (
    <g fontSize={12} fill="var(--text)">
      <rect x={x} y={y - 9} width={12} height={10} fill="var(--expected)" />
      <text x={x + 16} y={y}>
        {labels.expected}
      </text>
      <rect x={x + 110} y={y - 9} width={12} height={10} fill="var(--perceived)" />
      <text x={x + 126} y={y}>
        {labels.perceived}
      </text>
    </g>
  );
}

/**
 * Expected vs perceived means per criterion, drawn on the server: a radar
 * from three criteria on (where the perceived line lies inside the expected
 * one, the service falls short), paired bars below three.
 */
export function ExpectationSvg(props: Props) {
  return props.data.length < 3 ? <PairedBars {...props} /> : <Radar {...props} />;
}

function Radar({ id, data, scale, title, description, labels }: Props) {
  const width = 440;
  const height = 364;
  const cx = width / 2;
  const cy = 166;
  const radius = 112;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / data.length;
  const at = (i: number, value: number) => {
    const r = (radius * (value - 1)) / (scale - 1);
    return [r2(cx + r * Math.cos(angle(i))), r2(cy + r * Math.sin(angle(i)))] as const;
  };
  const ring = (value: number) => data.map((_, i) => at(i, value).join(",")).join(" ");
  const polygon = (pick: (p: ExpectationPoint) => number | null) =>
    data
      .map((p, i) => [pick(p), i] as const)
      .filter((pair): pair is readonly [number, number] => pair[0] !== null)
      .map(([v, i]) => at(i, v).join(","))
      .join(" ");
  const rings = Array.from({ length: scale }, (_, i) => i + 1).filter((v) => v > 1);
  return (
    <SvgFrame id={id} title={title} description={description} width={width} height={height}>
      <g fill="none" stroke="var(--border)">
        {rings.map((v) => (
          <polygon key={v} points={ring(v)} />
        ))}
        {data.map((p, i) => (
          <line key={p.key} x1={cx} y1={cy} x2={at(i, scale)[0]} y2={at(i, scale)[1]} />
        ))}
      </g>
      <g fontSize={9} fill="var(--muted)" textAnchor="middle">
        {rings.map((v) => (
          <text key={v} x={cx + 6} y={r2(cy - (radius * (v - 1)) / (scale - 1) + 3)} textAnchor="start">
            {v}
          </text>
        ))}
      </g>
      <polygon points={polygon((p) => p.expected)} fill="var(--expected)" fillOpacity={0.12} stroke="var(--expected)" strokeWidth={2} />
      <polygon points={polygon((p) => p.perceived)} fill="var(--perceived)" fillOpacity={0.12} stroke="var(--perceived)" strokeWidth={2} />
      {data.map((p, i) =>
        (["expected", "perceived"] as const).map((k) => {
          const v = p[k];
          if (v === null) return null;
          const [px, py] = at(i, v);
          return <circle key={`${p.key}-${k}`} cx={px} cy={py} r={3} fill={`var(--${k})`} />;
        }),
      )}
      <g fontSize={12} fill="var(--text)">
        {data.map((p, i) => {
          const a = angle(i);
          const cos = Math.cos(a);
          const lx = r2(cx + (radius + 12) * cos);
          const ly = r2(cy + (radius + 14) * Math.sin(a) + 4);
          const anchor = cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
          const room = anchor === "middle" ? 150 : anchor === "start" ? width - lx - 4 : lx - 4;
          const lines = wrapText(p.label, Math.max(60, room), 12, 3);
          const shift = Math.sin(a) < -0.5 ? -((lines.length - 1) * 14) / 2 : Math.sin(a) > 0.5 ? ((lines.length - 1) * 14) / 2 : 0;
          return (
            <text key={p.key} x={lx} y={ly + shift} textAnchor={anchor}>
              <Lines lines={lines} x={lx} y={ly + shift} lineHeight={14} />
            </text>
          );
        })}
      </g>
      <Legend x={cx - 120} y={height - 8} labels={labels} />
    </SvgFrame>
  );
}

function PairedBars({ id, data, scale, title, description, labels }: Props) {
  const width = 440;
  const font = 11;
  const labelWidth = 130;
  const x0 = labelWidth + 10;
  const x1 = width - 44;
  const rowHeight = 50;
  const top = 6;
  const x = (v: number) => r2(x0 + ((v - 1) / (scale - 1)) * (x1 - x0));
  const plotBottom = top + data.length * rowHeight;
  const height = plotBottom + 44;
  const ticks = Array.from({ length: scale }, (_, i) => i + 1);
  return (
    <SvgFrame id={id} title={title} description={description} width={width} height={height}>
      <g stroke="var(--border)">
        {ticks.map((v) => (
          <line key={v} x1={x(v)} x2={x(v)} y1={top} y2={plotBottom} />
        ))}
      </g>
      <g fontSize={font} fill="var(--muted)" textAnchor="middle">
        {ticks.map((v) => (
          <text key={v} x={x(v)} y={plotBottom + 15}>
            {v}
          </text>
        ))}
      </g>
      {data.map((p, i) => {
        const y = top + i * rowHeight;
        const lines = wrapText(p.label, labelWidth - 4, font, 3);
        return (
          <g key={p.key}>
            <text x={labelWidth} y={y + rowHeight / 2 + 4} fontSize={font} fill="var(--text)" textAnchor="end">
              <Lines lines={lines} x={labelWidth} y={y + rowHeight / 2 + 4} lineHeight={13} />
            </text>
            {(["expected", "perceived"] as const).map((k, j) => {
              const v = p[k];
              if (v === null) return null;
              const by = y + 6 + j * 19;
              return (
                <g key={k}>
                  <rect x={x0} y={by} width={r2(Math.max(1, x(v) - x0))} height={16} fill={`var(--${k})`} />
                  <text x={x(v) + 4} y={by + 12} fontSize={font} fill="var(--text)">
                    {fmt(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <Legend x={x0} y={height - 8} labels={labels} />
    </SvgFrame>
  );
}
