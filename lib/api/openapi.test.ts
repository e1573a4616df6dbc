import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000/api/v1");

  it("is OpenAPI 3.1 with schemas free of $schema/$id keys", () => {
    expect(doc.openapi).toBe("3.1.0");
    const text = JSON.stringify(doc);
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('"$id"');
    const create = doc.components.schemas.StudyCreate as { properties: Record<string, unknown>; required?: string[] };
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(["name", "provider", "criteria", "scale"]));
    expect(create.required).toEqual(expect.arrayContaining(["name", "provider"]));
  });

  it("lists every API route in the app", () => {
    const root = path.resolve("app/api/v1");
    const routes = routeFiles(root)
      .map((file) => path.relative(root, path.dirname(file)).split(path.sep).join("/"))
      .filter((route) => !route.startsWith("[...") && route !== "openapi.json")
      .map((route) => `/${route.replace(/\[(\w+)\]/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(4);
    for (const route of routes) expect(Object.keys(doc.paths), route).toContain(route);
  });

  it("points every $ref at a defined schema", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
  });
});

describe("the OpenAPI document's structure (the rules of OpenAPI 3.1 that a validator checks)", () => {
  const doc = openApiDocument("http://localhost:3000/api/v1") as unknown as {
    info: { title?: string; version?: string };
    servers: { url: string }[];
    paths: Record<
      string,
      Record<
        string,
        {
          summary?: string;
          parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
          responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
        }
      >
    >;
    components: { securitySchemes: Record<string, unknown> };
    security: Record<string, unknown>[];
  };
  const methods = ["get", "post", "put", "patch", "delete"];

  it("has the required top-level fields and a declared security scheme", () => {
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers[0].url).toMatch(/^https?:\/\//);
    for (const requirement of doc.security) for (const name of Object.keys(requirement)) expect(doc.components.securitySchemes).toHaveProperty(name);
  });

  it("declares every path template variable as a required path parameter, and no other", () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/"), path).toBe(true);
      const vars = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        expect(methods, `${path} ${method}`).toContain(method);
        const inPath = (op.parameters ?? []).filter((p) => p.in === "path");
        expect(inPath.map((p) => p.name).sort(), `${path} ${method}`).toEqual(vars);
        expect(
          inPath.every((p) => p.required === true),
          `${path} ${method}`,
        ).toBe(true);
        const keys = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
        expect(new Set(keys).size, `${path} ${method} duplicate parameters`).toBe(keys.length);
        expect(
          (op.parameters ?? []).every((p) => ["path", "query", "header", "cookie"].includes(p.in) && p.schema),
          `${path} ${method}`,
        ).toBe(true);
      }
    }
  });

  it("gives every operation a summary, a success response, and problem documents for errors", () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.summary, `${path} ${method}`).toBeTruthy();
        const codes = Object.keys(op.responses);
        expect(
          codes.every((c) => /^[1-5]\d\d$/.test(c)),
          `${path} ${method}`,
        ).toBe(true);
        expect(
          codes.some((c) => c.startsWith("2")),
          `${path} ${method}`,
        ).toBe(true);
        for (const [code, response] of Object.entries(op.responses)) {
          expect(response.description, `${path} ${method} ${code}`).toBeTruthy();
          if (Number(code) >= 400) expect(Object.keys(response.content ?? {}), `${path} ${method} ${code}`).toEqual(["application/problem+json"]);
        }
        if (path !== "/openapi.json") expect(codes, `${path} ${method}`).toEqual(expect.arrayContaining(["401", "429"]));
      }
    }
  });
});
