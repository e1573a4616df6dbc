import iconv from "iconv-lite";
import type { ContactUpsert } from "@/db/queries/contacts";
import { eventLoopPacer } from "@/lib/event-loop";
import { CsvFileProblem, csvRecords } from "@/lib/imports/csv-records";
import { contactLimits, contactSchema, contactsPerRequest, languageFromCell, normalizeEmail, type ContactField } from "./contact";

// Contacts from a CSV file, as a spreadsheet saves it: UTF-8 (with or
// without a byte-order mark) or Big5 (Excel's "CSV" on a Traditional Chinese
// Windows). The header names the columns, in any order and case; the email
// is required, the other columns optional, unknown columns ignored. Every
// problem is reported by row (as the spreadsheet numbers it: the header is
// row 1) and column, like the response import's report (lib/imports/problems.ts);
// a file with any problem stores nothing.

export const contactImportLimits = { bytes: 2 * 1024 * 1024, rows: contactsPerRequest };

type Params = Record<string, string | number>;

const messages = {
  emptyFile: () => "The file is empty.",
  fileTooLarge: (p: Params) => `The file is larger than ${p.limit} MB; split it into smaller files.`,
  tooManyRows: (p: Params) => `The file has more than ${p.limit} contacts; split it into smaller files.`,
  unterminatedQuote: () => 'A quoted cell is never closed (a " is missing).',
  missingColumn: (p: Params) => `The column "${p.name}" is missing.`,
  duplicateColumn: () => "This column appears twice in the header.",
  noContacts: () => "The file has a header but no contacts.",
  missingEmail: () => "The email is empty.",
  invalidEmail: () => "Not a valid email address.",
  duplicateEmail: (p: Params) => `This email already appears in row ${p.other}.`,
  tooLong: (p: Params) => `Longer than ${p.limit} characters.`,
  unknownLanguage: () => "Unknown language: use en, zh-Hant (zh-TW, 繁體中文) or zh-Hans (zh-CN, 简体中文), or leave it empty.",
  nul: () => "The cell holds a NUL character.",
} satisfies Record<string, (p: Params) => string>;

export type ContactProblemCode = keyof typeof messages;
export const contactProblemCodes = Object.keys(messages) as ContactProblemCode[];

/** The response import's problem shape: row 0 is the file as a whole. */
export type ContactImportProblem = { row: number; column: string; code: ContactProblemCode; params?: Params; message: string };

/** Problems kept for the report; past this they are only counted. */
const keptProblems = 1000;

class Problems {
  readonly items: ContactImportProblem[] = [];
  count = 0;
  add(row: number, column: string, code: ContactProblemCode, params: Params = {}) {
    this.count++;
    if (this.items.length >= keptProblems) return;
    this.items.push({ row, column, code, ...(Object.keys(params).length > 0 ? { params } : {}), message: messages[code](params) });
  }
}

export type ContactsFile =
  | { ok: true; contacts: ContactUpsert[]; encoding: FileEncoding; ignoredColumns: string[] }
  | { ok: false; problems: ContactImportProblem[]; problemCount: number };

export type FileEncoding = "utf-8" | "big5";

/**
 * The file's text: strict UTF-8 when the bytes are valid UTF-8 (a byte-order
 * mark is dropped), else Big5. Big5 text is almost never valid UTF-8 (its
 * lead bytes 0x81–0xFE are followed by bytes UTF-8 does not allow there),
 * and pure ASCII reads the same in both.
 */
export function decodeContactsFile(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "big5"), encoding: "big5" };
  }
}

// Header names, compared without case, spaces, "_" or "-": English and Chinese spellings.
const headerNames: Record<string, ContactField> = {
  email: "email",
  emailaddress: "email",
  電子郵件: "email",
  电子邮件: "email",
  電郵: "email",
  信箱: "email",
  邮箱: "email",
  name: "name",
  姓名: "name",
  名稱: "name",
  名称: "name",
  phone: "phone",
  telephone: "phone",
  mobile: "phone",
  電話: "phone",
  电话: "phone",
  手機: "phone",
  手机: "phone",
  language: "language",
  lang: "language",
  locale: "language",
  語言: "language",
  语言: "language",
  segment: "segment",
  branch: "segment",
  分店: "segment",
  分組: "segment",
  分组: "segment",
  externalid: "externalId",
  外部編號: "externalId",
  外部编号: "externalId",
};

export function fieldOfHeader(header: string): ContactField | undefined {
  return headerNames[
    header
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "")
  ];
}

const codeOfIssue: Record<string, ContactProblemCode> = {
  required: "missingEmail",
  invalidEmail: "invalidEmail",
  tooLong: "tooLong",
  invalid: "nul",
};

/** Reads and checks a contacts file; nothing is stored here. */
export async function readContactsFile(bytes: Uint8Array): Promise<ContactsFile> {
  const problems = new Problems();
  const refuse = (code: ContactProblemCode, params: Params = {}, row = 0, column = ""): ContactsFile => {
    problems.add(row, column, code, params);
    return { ok: false, problems: problems.items, problemCount: problems.count };
  };
  if (bytes.byteLength > contactImportLimits.bytes) return refuse("fileTooLarge", { limit: contactImportLimits.bytes / (1024 * 1024) });
  const { text, encoding } = decodeContactsFile(bytes);
  if (!text.trim()) return refuse("emptyFile");

  const records: { fields: string[]; row: number }[] = [];
  try {
    for await (const batch of csvRecords([text], contactImportLimits.rows + 1)) records.push(...batch);
  } catch (error) {
    if (!(error instanceof CsvFileProblem)) throw error;
    if (error.code === "tooManyRows") return refuse("tooManyRows", { limit: contactImportLimits.rows });
    return refuse("unterminatedQuote", {}, error.row);
  }
  const [header, ...rows] = records;

  // Which column holds which field; the header's own text names it in the report.
  const columns = new Map<ContactField, { index: number; name: string }>();
  const ignoredColumns: string[] = [];
  header.fields.forEach((name, index) => {
    const field = fieldOfHeader(name);
    if (!field) {
      if (name.trim()) ignoredColumns.push(name.trim());
      return;
    }
    if (columns.has(field)) problems.add(header.row, name.trim(), "duplicateColumn");
    else columns.set(field, { index, name: name.trim() });
  });
  if (!columns.has("email")) problems.add(header.row, "email", "missingColumn", { name: "email" });
  if (problems.count > 0) return { ok: false, problems: problems.items, problemCount: problems.count };

  const contacts: ContactUpsert[] = [];
  const firstRowOf = new Map<string, number>();
  const pace = eventLoopPacer();
  let dataRows = 0;
  for (const record of rows) {
    await pace();
    const cells = record.fields;
    // Spreadsheets leave blank lines at the end (and sometimes between).
    if (cells.every((c) => !c.trim())) continue;
    dataRows++;
    const raw: Record<string, unknown> = {};
    for (const [field, { index }] of columns) {
      const cell = cells[index] ?? "";
      if (field !== "language") {
        raw[field] = cell;
        continue;
      }
      const language = languageFromCell(cell);
      if (language === undefined) problems.add(record.row, columns.get("language")!.name, "unknownLanguage");
      else raw.language = language;
    }
    const parsed = contactSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "email") as ContactField;
        const code = codeOfIssue[issue.message] ?? "invalidEmail";
        problems.add(
          record.row,
          columns.get(field)?.name ?? field,
          code,
          code === "tooLong" ? { limit: contactLimits[field as keyof typeof contactLimits] } : {},
        );
      }
      continue;
    }
    const email = normalizeEmail(parsed.data.email);
    const first = firstRowOf.get(email);
    if (first !== undefined) {
      problems.add(record.row, columns.get("email")!.name, "duplicateEmail", { other: first });
      continue;
    }
    firstRowOf.set(email, record.row);
    contacts.push(parsed.data);
  }
  if (problems.count === 0 && dataRows === 0) problems.add(0, "", "noContacts");
  if (problems.count > 0) {
    // By row, and within a row left to right, as a reader scans the spreadsheet.
    const position = new Map(header.fields.map((name, index) => [name.trim(), index]));
    const sorted = [...problems.items].sort((a, b) => a.row - b.row || (position.get(a.column) ?? -1) - (position.get(b.column) ?? -1));
    return { ok: false, problems: sorted, problemCount: problems.count };
  }
  return { ok: true, contacts, encoding, ignoredColumns };
}

/** The sample file the empty contacts page offers: every column, the three languages, UTF-8 with a byte-order mark (Excel then reads it as UTF-8). */
export function exampleContactsCsv(): string {
  const rows = [
    ["email", "name", "phone", "language", "segment", "external_id"],
    ["lin.mei@example.com", "林美", "+886 912 345 678", "zh-Hant", "Airport", "CRM-1001"],
    ["wang.fang@example.com", "王芳", "+86 138 0000 0000", "zh-Hans", "Downtown", "CRM-1002"],
    ["sam.lee@example.com", "Sam Lee", "", "en", "Airport", ""],
  ];
  return `\uFEFF${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}
