import type { ReactNode } from "react";

/** A card of the page: a section named by its heading (`headingId` is what links and tests point at), an optional introduction, its content. */
export function CardSection({ headingId, title, intro, children }: { headingId: string; title: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {intro !== undefined && <p className="muted small">{intro}</p>}
      {children}
    </section>
  );
}
