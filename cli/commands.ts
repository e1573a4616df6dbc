import path from "node:path";
import fs from "node:fs";
import { currentEngine, getDb, sqliteConnection, transaction } from "@/db/client";
import { databaseUrl, sqlitePath } from "@/db/engine";
import { findUserByEmail, setPasswordHash } from "@/db/queries/accounts";
import { deleteUserSessions } from "@/db/queries/sessions";
import { AccountError, createApiKeyFor, createOwner } from "@/lib/accounts/accounts";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, newPasswordSchema } from "@/lib/validation/auth";
import { findStudyById } from "@/db/queries/studies";
import { recomputeStudyAggregates } from "@/lib/results/recompute";
import type { Values } from "./args";

export type Command = {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; short?: string }>;
  run: (values: Values, positionals: string[]) => Promise<number> | number;
};

/** A database URL without its password, for messages. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1@");

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new Error(`--${name} is required.`);
  return value;
}

function check<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${what} is not valid.`);
  return result.data;
}

export const commands: Record<string, Command> = {
  "create-owner": {
    summary: "Create a workspace and its owner (a new email makes a new workspace).",
    usage: "--email EMAIL --password PASSWORD [--workspace NAME]",
    options: { email: { type: "string" }, password: { type: "string" }, workspace: { type: "string" } },
    async run(values) {
      const email = check(emailSchema, required(values, "email"), "--email");
      const password = required(values, "password");
      if (!newPasswordSchema.safeParse(password).success) throw new Error("--password needs at least 10 characters.");
      const workspace = typeof values.workspace === "string" && values.workspace.trim() ? values.workspace.trim() : "My workspace";
      try {
        const owner = await createOwner({ email, password, workspace });
        console.log(`Created workspace "${workspace}" (${owner.workspaceId}) with owner ${owner.email}.`);
        return 0;
      } catch (error) {
        if (error instanceof AccountError && error.code === "emailTaken") {
          console.error(`An account with ${email} already exists.`);
          return 1;
        }
        throw error;
      }
    },
  },
  "create-api-key": {
    summary: "Create an API key in the workspace of EMAIL; prints only the key.",
    usage: "--email EMAIL --role manager|analyst [--name NAME]",
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    async run(values) {
      const email = required(values, "email");
      const role = required(values, "role");
      if (role !== "manager" && role !== "analyst") throw new Error("--role must be manager or analyst.");
      try {
        const { key } = await createApiKeyFor(email, role, typeof values.name === "string" ? values.name : "cli");
        console.log(key);
        return 0;
      } catch (error) {
        if (error instanceof AccountError) {
          console.error(`No account with ${email}.`);
          return 1;
        }
        throw error;
      }
    },
  },
  "reset-password": {
    summary: "Set a new password for an account and sign it out everywhere.",
    usage: "--email EMAIL --password PASSWORD",
    options: { email: { type: "string" }, password: { type: "string" } },
    async run(values) {
      const email = required(values, "email");
      const password = required(values, "password");
      if (!newPasswordSchema.safeParse(password).success) throw new Error("--password needs at least 10 characters.");
      const user = await findUserByEmail(getDb(), email);
      if (!user) {
        console.error(`No account with ${email}.`);
        return 1;
      }
      const passwordHash = await hashPassword(password);
      await transaction(async (tx) => {
        await setPasswordHash(tx, user.id, passwordHash);
        await deleteUserSessions(tx, user.id);
      });
      console.log(`Password reset for ${user.email}; their sessions were signed out.`);
      return 0;
    },
  },
  backup: {
    summary: "Copy the SQLite database to FILE with SQLite's online backup (safe while the server runs). On PostgreSQL use pg_dump.",
    usage: "FILE",
    options: {},
    async run(_values, positionals) {
      if (currentEngine() !== "sqlite") {
        console.error("This installation runs on PostgreSQL: back it up with its own tools, e.g. pg_dump -Fc -f gapwise.dump DATABASE_URL.");
        return 2;
      }
      const target = positionals[0];
      if (!target) throw new Error("Name the backup FILE.");
      const file = path.resolve(target);
      const database = sqlitePath(databaseUrl());
      if (file === database) throw new Error("The backup file must differ from the database.");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await sqliteConnection().backup(file);
      console.log(`Backed up ${database} to ${file} (${fs.statSync(file).size} bytes).`);
      return 0;
    },
  },
  recompute: {
    summary: "Rebuild a study's customer aggregates from its raw answers (repair; one transaction).",
    usage: "--study ID",
    options: { study: { type: "string" } },
    async run(values) {
      const studyId = required(values, "study");
      const study = await findStudyById(getDb(), studyId);
      if (!study) {
        console.error(`No study with id ${studyId}.`);
        return 1;
      }
      const started = performance.now();
      const outcome = await recomputeStudyAggregates(study.id);
      const ms = Math.round(performance.now() - started);
      console.log(
        `Recomputed "${study.name}": ${outcome.responses} responses, ${outcome.buckets} buckets, ${outcome.rows} aggregate rows in ${ms} ms.`,
      );
      return 0;
    },
  },
};
