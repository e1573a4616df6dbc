import net from "node:net";

// The load generators run on the machine they measure, sharing its two cores
// with the servers and the database, and every millisecond of CPU they take
// is one a server does not get. fetch (undici) cost several times the CPU per
// request of node:http, and node:http (its request objects, header parsing,
// streams) still took 0.25-0.3 ms a request, a tenth of what a server spends
// on a submit. So requests go as bytes on kept-alive sockets and only the
// status line and the body's length are read from the answer: HTTP/1.1 with
// Content-Length or chunked bodies, which is what the app sends. bench/load.ts
// prints the generator's CPU per request beside its figures.

type Pending = { resolve: (status: number) => void; reject: (error: Error) => void };

/**
 * A kept-alive connection the server closed (its idle timeout) just as a
 * request went out on it, before any byte of an answer: the request was not
 * read, so it is sent again on a new connection, as HTTP clients do (RFC
 * 9112 §9.3.1). The benches' submits carry their own ids, so even a request
 * that was read would be stored once.
 */
class ClosedWhileIdle extends Error {}

/** One kept-alive connection: one request at a time, its answer read just far enough to know where it ends. */
class Connection {
  readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  private answered = 0;
  closed = false;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on("data", (chunk) => this.read(chunk));
    this.socket.on("error", (error) => this.fail(this.closedWhileIdle() ? new ClosedWhileIdle(error.message) : error));
    this.socket.on("close", () =>
      this.fail(
        this.closedWhileIdle()
          ? new ClosedWhileIdle("the server closed the kept-alive connection as the request went out")
          : new Error("the connection closed before the answer was complete"),
      ),
    );
  }

  /** Closed after answering before, with nothing of the next answer read. */
  private closedWhileIdle(): boolean {
    return this.answered > 0 && this.buffered.length === 0;
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  private fail(error: Error) {
    this.closed = true;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private read(chunk: Buffer) {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headEnd = this.buffered.indexOf("\r\n\r\n");
    if (headEnd < 0 || !this.pending) return;
    const head = this.buffered.subarray(0, headEnd).toString("latin1");
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const bodyStart = headEnd + 4;
    let end: number;
    if (length) end = bodyStart + Number(length[1]);
    else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) end = chunkedEnd(this.buffered, bodyStart);
    else end = bodyStart; // no body (204, 304) or one closed by the server
    if (end < 0 || this.buffered.length < end) return;
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.closed = true;
      this.socket.destroy();
    }
    this.buffered = this.buffered.subarray(end);
    this.answered++;
    const { resolve } = this.pending;
    this.pending = null;
    resolve(status);
  }
}

/** Where a chunked body that starts at `from` ends (after its last chunk and trailer), or -1 if not all of it is here yet. */
function chunkedEnd(buffer: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) return -1;
    const size = parseInt(buffer.subarray(at, lineEnd).toString("latin1"), 16);
    if (size === 0) {
      const trailerEnd = buffer.indexOf("\r\n\r\n", lineEnd);
      return trailerEnd < 0 ? -1 : trailerEnd + 4;
    }
    at = lineEnd + 2 + size + 2;
    if (at > buffer.length) return -1;
  }
}

const idle = new Map<string, Connection[]>();

async function send(url: string, head: string, body?: Buffer): Promise<number> {
  const { hostname, port } = new URL(url);
  const origin = `${hostname}:${port}`;
  const list = idle.get(origin) ?? [];
  let connection = list.pop();
  // A kept-alive connection the server closed while idle is dropped.
  while (connection?.closed) connection = list.pop();
  connection ??= new Connection(hostname, Number(port));
  const request = body ? Buffer.concat([Buffer.from(head, "latin1"), body]) : Buffer.from(head, "latin1");
  let status: number;
  try {
    status = await connection.send(request);
  } catch (error) {
    if (!(error instanceof ClosedWhileIdle)) throw error;
    connection = new Connection(hostname, Number(port));
    status = await connection.send(request);
  }
  if (!connection.closed) {
    list.push(connection);
    idle.set(origin, list);
  }
  return status;
}

function requestHead(method: string, url: string, headers: Record<string, string>): string {
  const { host, pathname, search } = new URL(url);
  let head = `${method} ${pathname}${search} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}\r\n`;
}

/** POSTs a JSON body (already encoded); resolves with the status once the whole answer is read. */
export function postJson(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return send(url, requestHead("POST", url, { ...headers, "content-type": "application/json", "content-length": String(body.length) }), body);
}

/** GETs a URL; resolves with the status once the whole answer is read. */
export function getStatus(url: string): Promise<number> {
  return send(url, requestHead("GET", url, {}));
}
