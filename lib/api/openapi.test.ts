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
