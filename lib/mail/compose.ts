// A mail as plain text and HTML from the same parts. The HTML is what common
// clients render well: one centred column, inline styles, no images (no
// remote fetches, nothing to block), no scripts, a real link under the button.

export type MailParts = {
  subject: string;
  /** The HTML lang attribute. */
  language: string;
  heading: string;
  paragraphs: string[];
  button?: { label: string; url: string };
  /** Small print under a rule: who sends it, why, how to stop it. */
  footer: string[];
  /** A link in the footer (the unsubscribe link), shown in text and HTML. */
  footerLink?: { label: string; url: string };
};

export type ComposedMail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function composeMail(parts: MailParts): ComposedMail {
  // Chinese text takes the full-width colon.
  const colon = parts.language.startsWith("zh") ? "：" : ": ";
  const text = [
    parts.heading,
    "",
    ...parts.paragraphs.flatMap((p) => [p, ""]),
    ...(parts.button ? [`${parts.button.label}${colon.trim()}`, parts.button.url, ""] : []),
    "--",
    ...parts.footer,
    ...(parts.footerLink ? [`${parts.footerLink.label}${colon}${parts.footerLink.url}`] : []),
    "",
  ].join("\n");

  const font = "font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans TC','Noto Sans SC','PingFang TC','Microsoft JhengHei',Arial,sans-serif";
  const button = parts.button
    ? `<p style="margin:28px 0"><a href="${escapeHtml(parts.button.url)}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:6px;font-weight:600">${escapeHtml(parts.button.label)}</a></p>
<p style="font-size:13px;color:#5b6472;word-break:break-all">${escapeHtml(parts.button.url)}</p>`
    : "";
  const footerLink = parts.footerLink
    ? `<p style="margin:6px 0"><a href="${escapeHtml(parts.footerLink.url)}" style="color:#5b6472">${escapeHtml(parts.footerLink.label)}</a></p>`
    : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(parts.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(parts.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;${font};color:#1c2330;line-height:1.55">
<div style="background:#ffffff;border-radius:8px;padding:28px 24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>
${parts.paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
${button}
</div>
<div style="font-size:12px;color:#5b6472;padding:16px 8px">
${parts.footer.map((line) => `<p style="margin:6px 0">${escapeHtml(line)}</p>`).join("\n")}
${footerLink}
</div>
</div>
</body>
</html>
`;
  return { subject: parts.subject, text, html };
}
