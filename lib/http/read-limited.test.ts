import { describe, expect, it } from "vitest";
import { readLimited } from "./read-limited";

/** A POST whose body streams in chunks with no Content-Length (Transfer-Encoding: chunked). */
function chunked(chunks: number, chunkBytes: number): { request: Request; pulled: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(120));
    },
  });
  const request = new Request("http://app.test/studies", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => sent };
}

describe("readLimited", () => {
  it("reads a body within the limit", async () => {
    const { request } = chunked(4, 1000);
    expect((await readLimited(request, 4000))?.byteLength).toBe(4000);
  });
  it("refuses a chunked body over the limit without reading it all", async () => {
    const { request, pulled } = chunked(100, 64 * 1024);
    expect(request.headers.get("content-length")).toBeNull();
    expect(await readLimited(request, 256 * 1024)).toBeNull();
    expect(pulled()).toBeLessThan(10);
  });
  it("refuses an oversized clone without waiting for the original to be read", async () => {
    const { request } = chunked(100, 64 * 1024);
    expect(await readLimited(request.clone(), 256 * 1024)).toBeNull();
  }, 2000);
  it("reads a body of declared length that streams in chunks, byte for byte", async () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, (at += 7_777)));
      },
    });
    const request = new Request("http://app.test/api", {
      method: "POST",
      body,
      headers: { "content-length": String(bytes.length) },
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBe("200000");
    expect(await readLimited(request, 256 * 1024)).toEqual(bytes);
  });
  it("refuses a body longer than its declared Content-Length", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(600).fill(1));
        controller.close();
      },
    });
    const request = new Request("http://app.test/api", { method: "POST", body, headers: { "content-length": "500" }, duplex: "half" } as RequestInit);
    expect(await readLimited(request, 256 * 1024)).toBeNull();
  });
  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://app.test/studies", { method: "POST", body: "x", headers: { "content-length": "300000" } });
    expect(await readLimited(request, 256 * 1024)).toBeNull();
  });
});
