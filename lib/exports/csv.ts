// CSV as Excel reads it: UTF-8 with a byte-order mark (without it Excel on
// Windows guesses a legacy code page and garbles Chinese), CRLF line ends,
// RFC 4180 quoting.

export const utf8Bom = "\uFEFF";

export type Cell = string | number | boolean | null | undefined;

/**
 * Whether a spreadsheet could run this text as a formula: it starts with =,
 * +, -, @, a tab or a CR, or with a full-width ＝ ＋ － ＠, which some
 * spreadsheets (in CJK locales, or after NFKC normalisation) read as the same.
 */
export function startsLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text);
}

/**
 * Text that starts like a formula gets a leading apostrophe: comments and
 * segments come from the public and must never execute (CSV injection).
 * Numbers are written as they are.
 */
export function neutralizeFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Cell[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A byte stream of CSV lines pulled from `lines` as the client reads, so a
 * large export never sits in memory. Cancelling the download closes the source.
 */
export function csvStream(lines: AsyncIterator<string[]> | Iterator<string[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const prefix = started ? "" : utf8Bom;
        started = true;
        const next = await lines.next();
        if (next.done) {
          if (prefix) controller.enqueue(encoder.encode(prefix));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(prefix + next.value.join("")));
      } catch (error) {
        controller.error(error);
        await lines.return?.();
      }
    },
    async cancel() {
      await lines.return?.();
    },
  });
}
