import fs from "node:fs";
import path from "node:path";

// Tools for forging requests as an attacker would: every server action of
// the build (its id is public — each page that renders the form carries it),
// the fields a no-JavaScript form post sends for it, and raw bodies (form,
// multipart) with full control over repeats, broken framing and files.

export type ServerAction = {
  id: string;
  name: string;
  file: string;
  /** The pages that carry it (Next accepts an action only on a page whose bundle holds it), as paths; `[id]` left in. */
  pages: string[];
};

/** Every server action of the app under test, from the build's manifest (the ids every page embeds). */
export function serverActions(): ServerAction[] {
  const file = path.resolve(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
  if (!fs.existsSync(file)) throw new Error(`No server-action manifest at ${file}: build the app into NEXT_DIST_DIR first.`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  // "app/(manage)/studies/[id]/design/page" → "/studies/[id]/design"
  const pathOf = (worker: string) =>
    worker
      .replace(/^app/, "")
      .replace(/\/\([^)]*\)/g, "")
      .replace(/\/page$/, "") || "/";
  return Object.entries(manifest.node)
    .map(([id, entry]) => ({
      id,
      name: entry.exportedName ?? "?",
      file: entry.filename ?? "?",
      pages: Object.keys(entry.workers)
        .filter((w) => w.endsWith("/page"))
        .map(pathOf),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The hidden fields a browser without JavaScript posts to call `action`:
 * `$ACTION_ID_<id>` for a plain form action, or — for an action with bound
 * arguments (useActionState's previous state, `.bind(null, studyId)`) — the
 * `$ACTION_REF_1` shape with those arguments as JSON.
 */
export function actionFields(action: ServerAction, bound?: unknown[]): [string, string][] {
  if (!bound) return [[`$ACTION_ID_${action.id}`, ""]];
  return [
    ["$ACTION_REF_1", ""],
    ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })],
    ["$ACTION_1:1", JSON.stringify(bound)],
  ];
}

export type Part = [name: string, value: string | { filename: string; type: string; content: string | Buffer }];

/** A multipart/form-data body (repeats and files allowed) and its content type. */
export function multipart(parts: Part[], boundary = "----badinput7MA4YWxkTrZu0gW"): { body: Buffer; type: string } {
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    const safeName = name.replace(/["\r\n]/g, "_");
    if (typeof value === "string") {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n`),
        Buffer.from(value, "utf8"),
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"; filename="${value.filename.replace(/["\r\n]/g, "_")}"\r\nContent-Type: ${value.type}\r\n\r\n`,
        ),
        Buffer.from(value.content),
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** An application/x-www-form-urlencoded body, repeats allowed. */
export function urlencoded(fields: [string, string][]): string {
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value);
  return params.toString();
}

/** A header value as HTTP allows it (visible ASCII): anything else becomes "?". */
export function headerSafe(value: string, max = 4000): string {
  return value.replace(/[^\x20-\x7e]/g, "?").slice(0, max);
}

/** encodeURIComponent that does not throw on lone surrogates (they become U+FFFD). */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}
