// The command line: `npm run cli -- <command> [options]`. Every command applies
// pending migrations first and honours DATABASE_URL like the server.
import { parseArgs } from "node:util";
import { databasePath, getConnection } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { commands as accountCommands } from "./commands";
import { dataCommands } from "./data-commands";
import { studyCommands } from "./study-commands";

const commands = { ...accountCommands, ...studyCommands, ...dataCommands };

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}\n  ${" ".repeat(16)} ${c.usage}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nDatabase: ${databasePath()} (set DATABASE_URL to change)`;
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
  const { db } = getConnection();
  applyMigrations(db);
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
