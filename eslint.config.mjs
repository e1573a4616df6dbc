import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // next.config.js is CommonJS (the package is not "type": "module").
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The scoring maths is pure (METHOD.md in code): no database, no framework.
    files: ["lib/scoring/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*", "**/db/*"], message: "lib/scoring is pure: pass data in, do not read the database." },
            { group: ["next", "next/*", "next-intl", "next-intl/*"], message: "lib/scoring is pure: no framework imports." },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "data/**",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      "db/migrations/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
