import { html, raw, type Html } from "./html";

// Inline SVG, not emoji: every device draws them the same.
const svg = (color: string, path: string) =>
  `<svg width="48" height="48" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/>${path}</svg>`;

export const icons = {
  check: svg("#1c7c4a", '<path d="m8 12.5 2.7 2.7L16.5 9.5"/>'),
  info: svg("#1f5fae", '<path d="M12 11v6"/><path d="M12 7.5h.01"/>'),
  alert: svg("#b42318", '<path d="M12 7v6"/><path d="M12 16.5h.01"/>'),
};
export type IconName = keyof typeof icons;

// Plain, friendly pages for a link that takes no answers, the thank-you
// page, and refused posts. Never a stack trace or an internal detail.

export function renderMessage(input: {
  icon: IconName;
  title: string;
  body: string;
  extra?: string;
  details?: { heading: string; lines: string[] };
  back?: { href: string; label: string };
}): Html {
  return html`<div class="sv-card sv-message">
<div class="sv-icon">${raw(icons[input.icon])}</div>
<h1>${input.title}</h1>
<p>${input.body}</p>
${input.extra ? html`<p>${input.extra}</p>` : null}
${
  input.details && input.details.lines.length > 0
    ? html`<div class="sv-details"><h2>${input.details.heading}</h2><ul>${input.details.lines.map((l) => html`<li>${l}</li>`)}</ul></div>`
    : null
}
${input.back ? html`<p><a class="sv-button secondary" href="${input.back.href}">${input.back.label}</a></p>` : null}
</div>`;
}
