// The e2e run's throwaway PostgreSQL database: made fresh by the server
// script before the app starts, dropped by Playwright's globalTeardown (this
// module's default export) and again by the server script when it stops, so
// an interrupted run leaves nothing behind either. Only databases named
// gapwise_e2e_* are ever touched. (A SQLite run needs none of this: its
// throwaway file lives under test-results/.)
import pg from "pg";

const throwaway = /^gapwise_e2e_[a-z0-9_]+$/;

/** The throwaway database's name in `url`, or an error when it is not one. */
function nameOf(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!throwaway.test(name)) throw new Error(`refusing to touch database "${name}": e2e databases are named gapwise_e2e_*`);
  return name;
}

async function onServer(serverUrl, statement) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Drops the database `url` names (if it exists) and creates it empty, on the server of `serverUrl`. */
export async function recreateDatabase(url, serverUrl) {
  const name = nameOf(url);
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
}

/** Drops the database `url` names, closing whatever still holds it open. */
export async function dropDatabase(url, serverUrl) {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${nameOf(url)} WITH (FORCE)`);
}

/** Playwright's globalTeardown: drop the run's PostgreSQL database (playwright.config.ts set both variables). */
export default async function globalTeardown() {
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//i.test(url)) return;
  await dropDatabase(url, process.env.E2E_PG_URL);
}
