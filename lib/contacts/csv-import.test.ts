import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { contactSchema, languageFromCell } from "./contact";
import { contactImportLimits, decodeContactsFile, exampleContactsCsv, readContactsFile } from "./csv-import";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function problemsOf(bytes: Uint8Array) {
  const read = await readContactsFile(bytes);
  if (read.ok) throw new Error("expected problems");
  return read.problems.map((p) => [p.row, p.column, p.code, p.params ?? {}]);
}

async function contactsOf(bytes: Uint8Array) {
  const read = await readContactsFile(bytes);
  if (!read.ok) throw new Error(`unexpected problems: ${read.problems.map((p) => p.message).join("; ")}`);
  return read;
}

describe("reading a contacts CSV", () => {
  it("reads UTF-8 with headers in any case and order, normalises emails and languages, and ignores unknown columns", async () => {
    const read = await contactsOf(
      utf8(
        "Segment,EMAIL,Name,Phone,Language,External_ID,Notes\r\n" +
          'Airport, Lin.Mei@Example.COM ,"林, 美",+886 912,zh-TW,CRM-1,vip\r\n' +
          "Downtown,wang@example.com,王芳,,简体中文,,\r\n" +
          ",,,,,,\r\n" +
          "Airport,sam@example.com,Sam,,EN,,\r\n",
      ),
    );
    expect(read.encoding).toBe("utf-8");
    expect(read.ignoredColumns).toEqual(["Notes"]);
    expect(read.contacts).toEqual([
      { email: "lin.mei@example.com", name: "林, 美", phone: "+886 912", language: "zh-Hant", segment: "Airport", externalId: "CRM-1" },
      { email: "wang@example.com", name: "王芳", phone: "", language: "zh-Hans", segment: "Downtown", externalId: "" },
      { email: "sam@example.com", name: "Sam", phone: "", language: "en", segment: "Airport", externalId: "" },
    ]);
  });

  it("drops a UTF-8 byte-order mark (the first header is still email) and accepts externalId and an email-only file", async () => {
    const read = await contactsOf(utf8("\uFEFFemail,externalId\na@example.com,X1\n"));
    expect(read.contacts).toEqual([{ email: "a@example.com", externalId: "X1" }]);
    const only = await contactsOf(utf8("\uFEFFemail\nb@example.com\n"));
    // Columns the file does not have stay out: an update keeps what is stored.
    expect(only.contacts).toEqual([{ email: "b@example.com" }]);
  });

  it("reads Big5 bytes (Excel's CSV on Traditional Chinese Windows) with Chinese names and headers", async () => {
    const text = "電子郵件,姓名,語言,分店\r\nchen@example.com,陳大文,繁體中文,機場店\r\nhuang@example.com,黃小明,zh-Hant,市區店\r\n";
    const bytes = iconv.encode(text, "big5");
    // The bytes are not UTF-8: a strict decoder refuses them.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeContactsFile(bytes)).toEqual({ text, encoding: "big5" });
    const read = await contactsOf(bytes);
    expect(read.encoding).toBe("big5");
    expect(read.contacts).toEqual([
      { email: "chen@example.com", name: "陳大文", language: "zh-Hant", segment: "機場店" },
      { email: "huang@example.com", name: "黃小明", language: "zh-Hant", segment: "市區店" },
    ]);
  });

  it("reports every bad cell by row (the header is row 1) and column, and nothing to store", async () => {
    const long = "x".repeat(201);
    const problems = await problemsOf(
      utf8(`email,name,language\nok@example.com,Ok,en\nnot-an-email,A,en\n,B,fr\nc@example.com,${long},\nd@example.com,D,klingon\n`),
    );
    expect(problems).toEqual([
      [3, "email", "invalidEmail", {}],
      [4, "email", "missingEmail", {}],
      [4, "language", "unknownLanguage", {}],
      [5, "name", "tooLong", { limit: 200 }],
      [6, "language", "unknownLanguage", {}],
    ]);
  });

  it("reports an email repeated in the file (in any case) on the later row", async () => {
    const problems = await problemsOf(utf8("email,name\na@example.com,A\nb@example.com,B\n A@EXAMPLE.com ,A again\n"));
    expect(problems).toEqual([[4, "email", "duplicateEmail", { other: 2 }]]);
  });

  it("reports a NUL in a cell, a missing or repeated column, and a header without rows", async () => {
    expect(await problemsOf(utf8("email,name\na@example.com,A\u0000B\n"))).toEqual([[2, "name", "nul", {}]]);
    expect(await problemsOf(utf8("name,phone\nA,1\n"))).toEqual([[1, "email", "missingColumn", { name: "email" }]]);
    expect(await problemsOf(utf8("email,Email\na@example.com,b@example.com\n"))).toEqual([[1, "Email", "duplicateColumn", {}]]);
    expect(await problemsOf(utf8("email\n\n\n"))).toEqual([[0, "", "noContacts", {}]]);
    expect(await problemsOf(utf8(""))).toEqual([[0, "", "emptyFile", {}]]);
    expect(await problemsOf(utf8('email\n"a@example.com\n'))).toEqual([[2, "", "unterminatedQuote", {}]]);
  });

  it("refuses more than 10,000 contacts and a file above 2 MB", async () => {
    const rows = (n: number) => `email\n${Array.from({ length: n }, (_, i) => `c${i}@example.com`).join("\n")}\n`;
    expect((await contactsOf(utf8(rows(contactImportLimits.rows)))).contacts).toHaveLength(10_000);
    expect(await problemsOf(utf8(rows(contactImportLimits.rows + 1)))).toEqual([[0, "", "tooManyRows", { limit: 10_000 }]]);
    expect(await problemsOf(new Uint8Array(contactImportLimits.bytes + 1).fill(0x41))).toEqual([[0, "", "fileTooLarge", { limit: 2 }]]);
  });

  it("offers an example file that reads back without problems", async () => {
    const read = await contactsOf(utf8(exampleContactsCsv()));
    expect(read.contacts.map((c) => c.language)).toEqual(["zh-Hant", "zh-Hans", "en"]);
  });
});

describe("the contact schema and languages", () => {
  it("maps the spellings of a language cell", () => {
    for (const cell of ["en", "EN", "en-GB", "English"]) expect(languageFromCell(cell), cell).toBe("en");
    for (const cell of ["zh-Hant", "zh-TW", "zh-hk", "繁體中文", "繁中"]) expect(languageFromCell(cell), cell).toBe("zh-Hant");
    for (const cell of ["zh-Hans", "zh-CN", "zh", "简体中文", "簡體中文"]) expect(languageFromCell(cell), cell).toBe("zh-Hans");
    expect(languageFromCell("  ")).toBeNull();
    for (const cell of ["fr", "Chinese", "x"]) expect(languageFromCell(cell), cell).toBeUndefined();
  });

  it("trims, lower-cases the email, checks lengths and refuses unknown fields", () => {
    expect(contactSchema.parse({ email: " A@B.co ", name: " Lin ", language: "" })).toEqual({ email: "a@b.co", name: "Lin", language: null });
    const bad = contactSchema.safeParse({ email: `${"a".repeat(250)}@b.co`, phone: "1".repeat(51), language: "zh-TW", extra: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual(
      expect.arrayContaining([
        ["email", "tooLong"],
        ["phone", "tooLong"],
        ["language", "unknownLanguage"],
      ]),
    );
    expect(bad.error!.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });
});
