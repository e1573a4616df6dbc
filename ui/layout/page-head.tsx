import type { ReactNode } from "react";

/** A page's title with its one-line introduction, and its main actions beside them. */
export function PageHead({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {intro !== undefined && <p>{intro}</p>}
      </div>
      {children}
    </div>
  );
}
