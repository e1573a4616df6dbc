/**
 * The outer <svg> of a chart drawn on the server: it scales with its box,
 * reads to a screen reader as one image with a title and a description that
 * carries the numbers, and holds nothing that takes keyboard focus.
 */
export function SvgFrame({
  id,
  title,
  description,
  width,
  height,
  children,
  className,
}: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <svg
      className={`chart-svg${className ? ` ${className}` : ""}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
      focusable="false"
      data-chart={id}
      style={{ maxWidth: width * 1.3, aspectRatio: `${width} / ${height}` }}
    >
      <title id={`${id}-svg-title`}>{title}</title>
      <desc id={`${id}-svg-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** Lines of a label as <tspan>s, the block centred on y. */
export function Lines({ lines, x, y, lineHeight }: { lines: string[]; x: number; y: number; lineHeight: number }) {
  const top = y - ((lines.length - 1) * lineHeight) / 2;
  return (
    <>
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={top + i * lineHeight}>
          {line}
        </tspan>
      ))}
    </>
  );
}
