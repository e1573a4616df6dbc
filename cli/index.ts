// The command line: `npm run cli -- <command> [options]`. Every command applies
// pending migrations first (and repairs what an upgrade left to rebuild),
// honours DATABASE_URL like the server, and closes the database at the end.
import { parseArgs } from "node:util";
import { closeDatabase } from "@/db/client";
import { databaseUrl } from "@/db/engine";
import { applyMigrations } from "@/db/migrate";
import { repairDatabase } from "@/lib/results/repair";
import { commands as accountCommands, redactUrl } from "./commands";
import { dataCommands } from "./data-commands";
import { moveDataCommands } from "./move-data";
import { studyCommands } from "./study-commands";

const commands = { ...accountCommands, ...studyCommands, ...dataCommands, ...moveDataCommands };

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}\n  ${" ".repeat(16)} ${c.usage}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nDatabase: ${redactUrl(databaseUrl())} (set DATABASE_URL to change)`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run cli -- ${name} ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`${command.summary}\nUsage: npm run cli -- ${name} ${command.usage}`);
    return 0;
  }
  try {
    await applyMigrations();
    await repairDatabase();
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } finally {
    await closeDatabase();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
