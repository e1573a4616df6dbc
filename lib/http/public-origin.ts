// Every absolute link the app hands out (survey links, QR codes, the invite
// CSV, internal perspective links, the API's surveyUrl, OpenAPI's servers)
// starts with the origin from here, so a deployment behind a proxy or under
// its own domain sets PUBLIC_URL once and every link follows.

type HeaderSource = { get(name: string): string | null };

/**
 * PUBLIC_URL as an origin (`https://survey.example.com`), or null when unset.
 * Anything but a bare http(s) origin is a configuration error and throws:
 * a path, query or credentials would be silently cut from every link.
 */
export function configuredOrigin(value: string | undefined = process.env.PUBLIC_URL): string | null {
  const text = value?.trim();
  if (!text) return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  const bare = url !== null && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  if (!url || !/^https?:$/.test(url.protocol) || !bare || !/^https?:\/\/[^/?#]+\/?$/i.test(text)) {
    throw new Error(`PUBLIC_URL must be an http(s) origin such as https://survey.example.com (it is ${JSON.stringify(text)}).`);
  }
  return url.origin;
}

/**
 * The origin the request was made to, as the browser saw it: the first
 * X-Forwarded-Host/-Proto hop (Next fills them in from the socket when no
 * proxy did), https when COOKIE_SECURE says the site is served over it.
 */
export function requestOrigin(headers: HeaderSource): string {
  const first = (name: string) => headers.get(name)?.split(",")[0].trim() || null;
  const host = first("x-forwarded-host") ?? first("host") ?? "localhost";
  const https = first("x-forwarded-proto") === "https" || process.env.COOKIE_SECURE === "1";
  // A Host header with a path, credentials or junk in it is not an origin.
  if (!/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return "http://localhost";
  try {
    return new URL(`${https ? "https" : "http"}://${host}`).origin;
  } catch {
    return "http://localhost";
  }
}

/** The origin links are built on: PUBLIC_URL when set, otherwise the request's. */
export function publicOrigin(headers: HeaderSource): string {
  return configuredOrigin() ?? requestOrigin(headers);
}

/** `path` (starting with "/") as an absolute link on the public origin. */
export function absoluteUrl(path: string, headers: HeaderSource): string {
  return `${publicOrigin(headers)}${path}`;
}
