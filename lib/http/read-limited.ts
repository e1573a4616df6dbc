/**
 * The whole body of `request`, or null as soon as it passes `limit` bytes:
 * a declared Content-Length is checked first, and a chunked body (no
 * Content-Length) is counted as it streams, so neither is buffered past the
 * limit.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: on a clone (a tee, as in proxy.ts) the cancel settles only
      // once the other branch is cancelled too, which would hang this request.
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
