// A response's ratings packed in one value: five bytes per answered item —
// the item's number in its study (unsigned 16-bit, big-endian), then the
// expected, perceived and single ratings, one byte each, 0 for none (ratings
// run from 1). A row per answer cost more in row headers and index entries
// than the ratings themselves; packed, a 24-item response takes 120 bytes.
// Migration 0003 of SQLite builds this format in SQL: change both together.

export type PackedAnswer = { number: number; expected: number | null; perceived: number | null; rating: number | null };

const recordBytes = 5;

function byte(value: number | null, what: string): number {
  if (value === null) return 0;
  if (!Number.isInteger(value) || value < 1 || value > 255) throw new Error(`${what} ${value} cannot be packed (whole numbers 1–255)`);
  return value;
}

export function encodeAnswers(answers: readonly PackedAnswer[]): Buffer {
  const sorted = [...answers].sort((a, b) => a.number - b.number);
  const out = Buffer.alloc(sorted.length * recordBytes);
  sorted.forEach((a, i) => {
    if (!Number.isInteger(a.number) || a.number < 1 || a.number > 0xffff) throw new Error(`item number ${a.number} cannot be packed`);
    if (i > 0 && sorted[i - 1].number === a.number) throw new Error(`item number ${a.number} answered twice`);
    const at = i * recordBytes;
    out.writeUInt16BE(a.number, at);
    out[at + 2] = byte(a.expected, "expected rating");
    out[at + 3] = byte(a.perceived, "perceived rating");
    out[at + 4] = byte(a.rating, "rating");
  });
  return out;
}

export function decodeAnswers(packed: Uint8Array | null): PackedAnswer[] {
  if (!packed || packed.length === 0) return [];
  if (packed.length % recordBytes !== 0) throw new Error(`packed answers of ${packed.length} bytes are not whole records`);
  const buf = Buffer.from(packed.buffer, packed.byteOffset, packed.length);
  const out: PackedAnswer[] = [];
  for (let at = 0; at < buf.length; at += recordBytes) {
    const rating = (v: number) => (v === 0 ? null : v);
    out.push({ number: buf.readUInt16BE(at), expected: rating(buf[at + 2]), perceived: rating(buf[at + 3]), rating: rating(buf[at + 4]) });
  }
  return out;
}
