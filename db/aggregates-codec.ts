import type { Moments } from "@/lib/scoring/types";

// A bucket's running sums packed in one value: for each key (by its number
// in aggregate_keys) n, Σx and Σx². Most sums are whole numbers (ratings and
// their squares, counts, points), so a number is written as a varint of its
// zigzag value when it is a safe integer, as a whole number and a power of two
// when it is a fraction with such a denominator (x·2^m), and as an 8-byte
// double otherwise; the first varint's low bit and value tell which. A bucket of a 24-item
// questionnaire with a few responses takes under 1 KB instead of ~160 rows.

export type PackedSums = Map<number, Moments>;

const zigzag = (x: number) => (x >= 0 ? 2 * x : -2 * x - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

class Writer {
  private bytes: number[] = [];
  varint(value: number) {
    // Arithmetic, not bit operations: values may exceed 32 bits.
    let v = value;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) + 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  number(x: number) {
    if (Number.isSafeInteger(x) && Math.abs(x) <= 2 ** 50) {
      this.varint(zigzag(x) * 2);
      return;
    }
    // A mean of four ratings is a multiple of 1/4, its square of 1/16: such
    // a fraction is stored as the whole number x·2^m with m, exactly.
    for (let m = 1; m <= 16; m++) {
      const scaled = x * 2 ** m;
      if (Number.isSafeInteger(scaled) && Math.abs(scaled) <= 2 ** 50) {
        this.varint(1 + 2 * m);
        this.varint(zigzag(scaled));
        return;
      }
    }
    this.varint(1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(x);
    for (const byte of b) this.bytes.push(byte);
  }
  done(): Buffer {
    return Buffer.from(this.bytes);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  get more() {
    return this.at < this.buf.length;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length) throw new Error("packed sums end inside a number");
      const byte = this.buf[this.at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  number(): number {
    const head = this.varint();
    if (head % 2 === 0) return unzigzag(head / 2);
    const m = (head - 1) / 2;
    if (m > 0) return unzigzag(this.varint()) / 2 ** m;
    if (this.at + 8 > this.buf.length) throw new Error("packed sums end inside a double");
    const x = this.buf.readDoubleLE(this.at);
    this.at += 8;
    return x;
  }
}

export function encodeSums(sums: PackedSums): Buffer {
  const w = new Writer();
  for (const number of [...sums.keys()].sort((a, b) => a - b)) {
    const m = sums.get(number)!;
    w.varint(number);
    w.number(m.n);
    w.number(m.sum);
    w.number(m.sumSq);
  }
  return w.done();
}

export function decodeSums(packed: Uint8Array): PackedSums {
  const r = new Reader(Buffer.from(packed.buffer, packed.byteOffset, packed.length));
  const out: PackedSums = new Map();
  while (r.more) {
    const number = r.varint();
    out.set(number, { n: r.number(), sum: r.number(), sumSq: r.number() });
  }
  return out;
}

/** Adds `more` into `into` key by key (running sums merge by addition). */
export function addSums(into: PackedSums, more: PackedSums): PackedSums {
  for (const [number, m] of more) {
    const had = into.get(number);
    into.set(number, had ? { n: had.n + m.n, sum: had.sum + m.sum, sumSq: had.sumSq + m.sumSq } : { ...m });
  }
  return into;
}
