// Where a redirect may send someone after a form (sign-in's `next`, the
// language switch's `back`): only a path on this site. Browsers read a
// Location far more loosely than a quick string test does (`/\evil.example`
// and `/<TAB>/evil.example` both lead off-site), so the target is parsed the
// way a browser parses it, against a fixed origin, and only its path and query
// are kept.

const fixedOrigin = "http://local.invalid";

/**
 * `target` as a path + query on this site, or null when it is anything else:
 * not a string, another origin (`//evil`, `https://evil`), a backslash or a
 * control character anywhere (raw; browsers fold `\` into `/` and drop tabs
 * and newlines), or a path that a browser would read as another host once
 * resolved (`/.//evil` resolves to `//evil`).
 */
export function localPath(target: unknown): string | null {
  if (typeof target !== "string" || !target.startsWith("/")) return null;
  // C0 controls, space and DEL: the URL parser strips or drops them silently.
  if (/[\\\u0000-\u0020\u007f]/.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target, fixedOrigin);
  } catch {
    return null;
  }
  if (url.origin !== fixedOrigin) return null;
  const path = url.pathname + url.search;
  return path.startsWith("//") ? null : path;
}
