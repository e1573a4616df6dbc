// A tiny HTML builder for the customer survey, which is served as plain HTML
// (no React on the client: the page works without JavaScript and ships only
// a small inline enhancement). Every interpolated value is escaped unless it
// is itself built with `html`, so customer-facing text cannot inject markup.

export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

type Part = Html | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((part, i) => {
    out += render(part) + strings[i + 1];
  });
  return new Html(out);
}

/** Markup that is trusted as it is (our own CSS, script, generated SVG). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** `name="value"` pairs; false/null/undefined attributes are left out, true ones are bare. */
export function attrs(map: Record<string, string | number | boolean | null | undefined>): Html {
  return new Html(
    Object.entries(map)
      .filter(([, v]) => v !== false && v !== null && v !== undefined)
      .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
      .join(""),
  );
}
