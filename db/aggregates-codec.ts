import type { Moments } from "@/lib/scoring/types";

// A bucket's running sums packed in one value: for each key (by its number
// in aggregate_keys) n, Σx and Σx². Most sums are whole numbers (ratings and
// their squares, counts, points), so a number is written as a varint of its
// zigzag value when it is a safe integer and as an 8-byte double otherwise;
// the low bit of the first varint tells which. A bucket of a 24-item
// questionnaire with a few responses takes about 1 KB instead of ~160 rows.

export type PackedSums = Map<number, Moments>;

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
      const zigzag = x >= 0 ? 2 * x : -2 * x - 1;
      this.varint(zigzag * 2);
    } else {
      this.varint(1);
      const b = Buffer.alloc(8);
      b.writeDoubleLE(x);
      for (const byte of b) this.bytes.push(byte);
    }
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
    if (head % 2 === 1) {
      if (this.at + 8 > this.buf.length) throw new Error("packed sums end inside a double");
      const x = this.buf.readDoubleLE(this.at);
      this.at += 8;
      return x;
    }
    const zigzag = head / 2;
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
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
