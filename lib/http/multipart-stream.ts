import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import busboy from "busboy";

// A multipart/form-data body read as it arrives (busboy), for an upload that
// must never be held in memory whole. The file is handed over as a stream
// while the body still arrives, so only the text fields sent before it are
// known then: a form that needs them puts them before its file input.

/** The file part, with the text fields that came before it. */
export type StreamedFile = { name: string; fields: ReadonlyMap<string, string>; content: AsyncIterable<Uint8Array> };

export type StreamedForm<T> =
  /** `receive` took the file; `fields` holds every text field of the body. */
  | { status: "received"; value: T; fields: ReadonlyMap<string, string> }
  | { status: "noFile" }
  /** The body passed `maxBodyBytes` (declared, or counted as it arrived: the file then fails under its receiver). */
  | { status: "tooLarge" }
  | { status: "malformed" };

class BodyTooLarge extends Error {}

/** Counts the bytes going through and fails past `limit`, so a body without Content-Length is bounded too. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.byteLength;
      if (seen > limit) done(new BodyTooLarge());
      else done(null, chunk);
    },
  });
}

/**
 * Reads `request`'s multipart body and calls `receive` once, with the first
 * file part named `fileField` that has a file name. Other file parts are
 * skipped. Whatever `receive` leaves unread of the file is drained, not kept.
 */
export async function streamMultipart<T>(
  request: Request,
  options: { fileField: string; maxBodyBytes: number },
  receive: (file: StreamedFile) => Promise<T>,
): Promise<StreamedForm<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!request.body || !/^multipart\/form-data/i.test(type)) return { status: "malformed" };
  if (Number(request.headers.get("content-length") ?? "0") > options.maxBodyBytes) return { status: "tooLarge" };

  let parser: busboy.Busboy;
  try {
    // Browsers send file names as UTF-8, not busboy's default latin1.
    parser = busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { fields: 50, fieldSize: 4096, parts: 100 } });
  } catch {
    return { status: "malformed" };
  }
  const fields = new Map<string, string>();
  let received: Promise<T> | undefined;
  parser.on("field", (name, value) => {
    if (!fields.has(name)) fields.set(name, value);
  });
  parser.on("file", (name, stream, info) => {
    // A browser sends a part without a file name when no file was chosen.
    if (name !== options.fileField || received || !info.filename) {
      stream.resume();
      return;
    }
    // destroyOnReturn off: a receiver that stops early must not destroy the
    // part (busboy would then wait for it forever); it is drained instead.
    const content = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
    received = receive({ name: info.filename ?? "", fields: new Map(fields), content }).finally(() => stream.resume());
    received.catch(() => undefined);
  });

  try {
    await pipeline(Readable.fromWeb(request.body as NodeWebStream<Uint8Array>), byteLimit(options.maxBodyBytes), parser);
  } catch (error) {
    // The receiver sees its file fail; its own outcome no longer matters.
    await received?.catch(() => undefined);
    return error instanceof BodyTooLarge ? { status: "tooLarge" } : { status: "malformed" };
  }
  if (!received) return { status: "noFile" };
  return { status: "received", value: await received, fields };
}
