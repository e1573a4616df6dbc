import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./locales";
import { env } from "@/lib/env";

// Messages are JSON files a translator can edit: messages/<locale>/<namespace>.json.
// Each file becomes the namespace of the same name.
export type Messages = Record<string, Record<string, unknown>>;

const cache = new Map<Locale, Messages>();

export function messagesDir(): string {
  return env.MESSAGES_DIR ? path.resolve(/*turbopackIgnore: true*/ env.MESSAGES_DIR) : path.join(process.cwd(), "messages");
}

export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  if (cached && process.env.NODE_ENV === "production") return cached;
  const dir = path.join(messagesDir(), locale);
  const messages: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    messages[file.slice(0, -".json".length)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}
