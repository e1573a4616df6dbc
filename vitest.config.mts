import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Playwright's *.spec.ts live in e2e/ and must not be picked up here.
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "cli/**/*.test.ts"],
    environment: "node",
  },
});
