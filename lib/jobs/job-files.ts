import { getDb, transaction } from "@/db/client";
import { appendJobFileChunk, readJobFileChunk } from "@/db/queries/jobs";
import { eventLoopPacer } from "@/lib/event-loop";

// A job's file (an upload to import) kept in the database in chunks, so any
// instance's worker can read it and no one holds the whole file in memory.
// Each chunk is written in its own short transaction as the upload arrives.

export const fileChunkBytes = 1024 * 1024;

export type ReceivedFile = { bytes: number; lines: number };
export class FileTooLarge extends Error {}

/**
 * Stores `source` as the file of job `jobId`, refusing it past `maxBytes`
 * (FileTooLarge; the chunks already stored go with the job). Counts line
 * feeds on the way, to size the progress bar before parsing.
 */
export async function receiveJobFile(jobId: string, source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<ReceivedFile> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let bytes = 0;
  let lines = 0;
  // A fast client's upload waits in the request stream, and reading what
  // waits never gives the loop a turn: a 47 MB upload took it for 240-360 ms
  // (the bench's /api/health probe) until the reader yielded between parts.
  const pace = eventLoopPacer();
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const n = seq++;
    await transaction((tx) => appendJobFileChunk(tx, jobId, n, data));
  };
  for await (const part of source) {
    bytes += part.byteLength;
    if (bytes > maxBytes) throw new FileTooLarge();
    for (let i = part.indexOf(10); i !== -1; i = part.indexOf(10, i + 1)) lines++;
    pending.push(Buffer.from(part));
    pendingBytes += part.byteLength;
    if (pendingBytes >= fileChunkBytes) await flush();
    await pace();
  }
  await flush();
  return { bytes, lines };
}

/** The file of job `jobId`, chunk by chunk. */
export async function* readJobFile(jobId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await readJobFileChunk(getDb(), jobId, seq);
    if (!chunk) return;
    yield chunk;
  }
}
