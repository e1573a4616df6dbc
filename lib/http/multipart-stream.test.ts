import { describe, expect, it } from "vitest";
import { streamMultipart, type StreamedFile } from "./multipart-stream";

const boundary = "----gapwiseTestBoundary";

type Part = [name: string, value: string | { filename: string; content: string }];

/** A multipart body in chunks of `chunkBytes`, with no Content-Length (as a chunked upload arrives). */
function upload(parts: Part[], chunkBytes = 7): Request {
  const text =
    parts
      .map(([name, value]) =>
        typeof value === "string"
          ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
          : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: text/csv\r\n\r\n${value.content}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  const bytes = Buffer.from(text, "utf8");
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, (at += chunkBytes))));
    },
  });
  return new Request("http://app.test/upload", {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  } as RequestInit);
}

async function textOf(file: StreamedFile) {
  const chunks: Buffer[] = [];
  for await (const chunk of file.content) chunks.push(Buffer.from(chunk));
  return { name: file.name, fields: Object.fromEntries(file.fields), text: Buffer.concat(chunks).toString("utf8") };
}

const options = { fileField: "file", maxBodyBytes: 10_000 };

describe("streamMultipart", () => {
  it("hands over the file with the fields sent before it, and reports every field at the end", async () => {
    const form = await streamMultipart(
      upload([
        ["sign", "p-e"],
        ["file", { filename: "調查.csv", content: "a,b\r\n1,2\r\n" }],
        ["intent", "import"],
      ]),
      options,
      textOf,
    );
    expect(form).toEqual({
      status: "received",
      value: { name: "調查.csv", fields: { sign: "p-e" }, text: "a,b\r\n1,2\r\n" },
      fields: new Map([
        ["sign", "p-e"],
        ["intent", "import"],
      ]),
    });
  });

  it("drains what a receiver leaves unread, and skips other files", async () => {
    const form = await streamMultipart(
      upload([
        ["other", { filename: "x.csv", content: "skipped" }],
        ["file", { filename: "a.csv", content: "x".repeat(5_000) }],
        ["after", "read"],
      ]),
      options,
      async (file) => {
        for await (const chunk of file.content) return chunk.byteLength;
        return 0;
      },
    );
    expect(form.status).toBe("received");
    if (form.status === "received") {
      expect(form.value).toBeGreaterThan(0);
      expect(form.fields.get("after")).toBe("read");
    }
  });

  it("finds no file when the file input was left empty or is missing", async () => {
    const receive = () => Promise.resolve("called");
    expect(await streamMultipart(upload([["file", { filename: "", content: "" }]]), options, receive)).toEqual({ status: "noFile" });
    expect(await streamMultipart(upload([["sign", "e-p"]]), options, receive)).toEqual({ status: "noFile" });
  });

  it("stops a body past the limit while the receiver reads it", async () => {
    let read = 0;
    const form = await streamMultipart(upload([["file", { filename: "big.csv", content: "x".repeat(50_000) }]], 1024), options, async (file) => {
      for await (const chunk of file.content) read += chunk.byteLength;
      return read;
    });
    expect(form).toEqual({ status: "tooLarge" });
    expect(read).toBeLessThanOrEqual(options.maxBodyBytes);
  });

  it("refuses a declared length past the limit and a body that is not multipart", async () => {
    const declared = new Request("http://app.test/upload", {
      method: "POST",
      body: "x",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": "20000" },
    });
    expect(await streamMultipart(declared, options, () => Promise.resolve(0))).toEqual({ status: "tooLarge" });
    const plain = new Request("http://app.test/upload", {
      method: "POST",
      body: "a=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await streamMultipart(plain, options, () => Promise.resolve(0))).toEqual({ status: "malformed" });
  });
});
