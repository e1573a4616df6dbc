import http from "node:http";

// The load generators run on the machine they measure, sharing its two cores
// with the servers and the database. fetch (undici) costs the generator
// several times the CPU per request of node:http on kept-alive sockets, and
// every millisecond it takes is one a server does not get; bench/load.ts
// prints the generator's CPU per request beside its figures.

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** Sends one request on a kept-alive socket; resolves with the status once the whole answer is read. */
function send(url: string, options: http.RequestOptions, body?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { ...options, agent }, (response) => {
      response.on("error", reject);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** POSTs a JSON body (already encoded). */
export function postJson(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return send(url, { method: "POST", headers: { ...headers, "content-type": "application/json", "content-length": String(body.length) } }, body);
}

/** GETs a URL. */
export function getStatus(url: string): Promise<number> {
  return send(url, {});
}
