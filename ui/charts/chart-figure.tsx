/**
 * A chart with its text equivalent: an interactive (client-drawn) chart is
 * hidden from screen readers, the table beside it (in a disclosure) carries
 * the same numbers for everyone. A chart drawn on the server as one labelled
 * image (`described`) stays readable as it is.
 */
export function ChartFigure({
  title,
  caption,
  chart,
  table,
  tableLabel,
  id,
  described = false,
}: {
  title: string;
  caption?: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  tableLabel: string;
  id: string;
  described?: boolean;
}) {
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {caption && <p className="muted small">{caption}</p>}
      <div className="chart-box" aria-hidden={described ? undefined : true}>
        {chart}
      </div>
      <details className="chart-table">
        <summary>{tableLabel}</summary>
        {table}
      </details>
    </figure>
  );
}
