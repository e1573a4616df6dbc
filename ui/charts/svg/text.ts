// Text measuring for charts drawn on the server, where no browser can measure:
// a Han, kana or full-width character is about one em wide, Latin about half.

const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The approximate width of `text` at `fontSize`, in the same units. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += wide.test(ch) ? fontSize : /[A-Z0-9MWmw@%]/.test(ch) ? fontSize * 0.66 : fontSize * 0.52;
  return w;
}

/**
 * Greedy line breaking within `maxWidth`: Latin at spaces, Han between any two
 * characters. Past `maxLines` the last line ends with "…".
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = 2): string[] {
  const tokens =
    text.match(
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/g,
    ) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const next = line + token;
    if (line.trim() !== "" && textWidth(next.trimEnd(), fontSize) > maxWidth && token.trim() !== "") {
      lines.push(line.trim());
      line = token;
    } else line = next;
  }
  if (line.trim() !== "") lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last.length > 1 && textWidth(`${last}…`, fontSize) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** A number in a chart's coordinates: two decimals at most, so the markup stays small and stable. */
export function r2(value: number): number {
  return Math.round(value * 100) / 100;
}
