import iconv from "iconv-lite";

// Which encoding a CSV file is in. Excel's "CSV UTF-8" is UTF-8; its plain
// "CSV" on a Traditional Chinese Windows is Big5 (code page 950) and on a
// Simplified Chinese one GBK, which GB18030 reads. A manager rarely knows
// which they saved, so the import guesses from the file's start, and the
// page lets them say it when the guess is wrong.

export const textEncodings = ["utf-8", "big5", "gb18030"] as const;
export type TextEncoding = (typeof textEncodings)[number];

/** How much of a file's start decides its encoding. */
export const sniffBytes = 64 * 1024;

// Frequent characters of Chinese text in both scripts (function words,
// service words): a right decoding is full of them, a wrong one (Big5 read
// as GB18030 or the other way round: both accept most byte pairs) yields
// rare characters instead.
const frequent = new Set(
  "的一是不了在人有我他這这個个們们中來来上大為为和國国地到以說说時时要就出會会可也你對对生能而子那得於于著着下自之年過过發发後后作裡里用道行所然家種种事成方多經经麼么去法學学如都同現现當当沒没動动面起看定天分還还進进好小部其些主樣样理心她本前開开但因只從从想實实意無无與与把機机很最重務务服員员店房間间話话務快慢等待態态度專专業业乾干淨净整環环境設设備备價价格品質质量問问題题需求滿满希望謝谢客戶户意見见議议點点顧顾提供預预約约電电預餐飯饭醫医院診诊療疗護护車车修保養养櫃柜檯台銀银行分評评"
    .split("")
    .filter((c) => c.trim()),
);

function frequentShare(text: string): number {
  let han = 0;
  let hits = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code === 0xfffd) han += 2; // an undecodable byte counts against the guess
    if (code < 0x3400) continue;
    han++;
    if (frequent.has(c)) hits++;
  }
  return han === 0 ? 0 : hits / han;
}

/**
 * The encoding of a file from its first bytes (`sample`): UTF-8 when they are
 * valid UTF-8 (a sequence cut at the sample's end is fine), else whichever of
 * Big5 and GB18030 reads as more ordinary Chinese.
 */
export function sniffEncoding(sample: Uint8Array): TextEncoding {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return "utf-8";
  } catch {
    const bytes = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
    return frequentShare(iconv.decode(bytes, "gb18030")) > frequentShare(iconv.decode(bytes, "big5")) ? "gb18030" : "big5";
  }
}

/**
 * A streaming decoder that throws TypeError on a byte sequence the encoding
 * does not have (the import reports the file as unreadable, rather than
 * storing text with � in it).
 */
export function textDecoder(encoding: TextEncoding): { write(bytes: Uint8Array): string; end(): string } {
  if (encoding === "utf-8") {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(encoding);
  const strict = (text: string) => {
    if (text.includes("\uFFFD")) throw new TypeError(`not ${encoding}`);
    return text;
  };
  return {
    write: (bytes) => strict(decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
    end: () => strict(decoder.end() ?? ""),
  };
}
