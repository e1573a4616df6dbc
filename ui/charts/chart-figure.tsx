/**
 * A chart with its text equivalent: the drawing is hidden from screen
 * readers, the table beside it (in a disclosure, open in print) carries
 * the same numbers for everyone.
 */
export function ChartFigure({
  title,
  caption,
  chart,
  table,
  tableLabel,
  id,
}: {
  title: string;
  caption?: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  tableLabel: string;
  id: string;
}) {
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {caption && <p className="muted small">{caption}</p>}
      <div className="chart-box" aria-hidden="true">
        {chart}
      </div>
      <details className="chart-table">
        <summary>{tableLabel}</summary>
        {table}
      </details>
    </figure>
  );
}
