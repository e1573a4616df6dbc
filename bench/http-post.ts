import http from "node:http";

// The load generators run on the machine they measure, sharing its two cores
// with the servers and the database. fetch (undici) costs the generator
// several times the CPU per request of node:http on kept-alive sockets, and
// every millisecond it takes is one a server does not get; bench/load.ts
// prints the generator's CPU per request beside its figures.

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** POSTs a JSON body (already encoded); resolves with the status once the whole answer is read. */
export function postJson(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-type": "application/json", "content-length": String(body.length) } },
      (response) => {
        response.on("error", reject);
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** GETs a URL on a kept-alive socket; resolves with the status once the whole answer is read. */
export function getStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent }, (response) => {
      response.on("error", reject);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    request.on("error", reject);
    request.end();
  });
}
