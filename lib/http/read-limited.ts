/**
 * The whole body of `request`, or null as soon as it passes `limit` bytes:
 * a declared Content-Length is checked first, and a chunked body (no
 * Content-Length) is counted as it streams, so neither is buffered past the
 * limit.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (declared > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  // A declared length is filled in place as the chunks arrive: joining a
  // large body at the end is one long copy (two, with the typed array's),
  // and a 7 MB batch held up every other request for ~60 ms doing so.
  const into = Number.isSafeInteger(declared) && declared > 0 ? new Uint8Array(declared) : null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit || (into && size + value.byteLength > into.byteLength)) {
      // Not awaited: on a clone (a tee, as in proxy.ts) the cancel settles only
      // once the other branch is cancelled too, which would hang this request.
      void reader.cancel().catch(() => undefined);
      return null;
    }
    if (into) into.set(value, size);
    else chunks.push(value);
    size += value.byteLength;
  }
  if (into) return size === into.byteLength ? into : into.slice(0, size);
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
