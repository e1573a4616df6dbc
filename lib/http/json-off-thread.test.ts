import { describe, expect, it } from "vitest";
import { parseJsonOffThread } from "./json-off-thread";

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("JSON parsed on a worker thread", () => {
  it("gives the value JSON.parse gives, large arrays reassembled in order", async () => {
    const body = {
      responses: Array.from({ length: 5_003 }, (_, i) => ({
        id: `r${i}`,
        segment: i % 2 ? "分店 A" : "",
        answers: [{ item: "a", expected: 7, perceived: i % 7 }],
      })),
      note: "服務",
      small: [1, 2, 3],
    };
    const text = JSON.stringify(body);
    const parsed = await parseJsonOffThread(bytesOf(text));
    expect(parsed).toEqual({ ok: true, value: JSON.parse(text), nulEscape: false });
  });

  it("handles a top-level array, scalars, and a view into a larger buffer", async () => {
    const list = Array.from({ length: 1_000 }, (_, i) => i * 1.5);
    expect(await parseJsonOffThread(bytesOf(JSON.stringify(list)))).toEqual({ ok: true, value: list, nulEscape: false });
    expect(await parseJsonOffThread(bytesOf("42"))).toEqual({ ok: true, value: 42, nulEscape: false });
    const padded = bytesOf(`xx${JSON.stringify({ a: [1] })}yy`);
    expect(await parseJsonOffThread(padded.subarray(2, padded.length - 2))).toEqual({ ok: true, value: { a: [1] }, nulEscape: false });
  });

  it("reports text that is not JSON, and the NUL escape", async () => {
    expect(await parseJsonOffThread(bytesOf('{"responses": [1, 2'))).toEqual({ ok: false });
    expect(await parseJsonOffThread(bytesOf('{"a":"x\\u0000y"}'))).toEqual({ ok: true, value: { a: "x\u0000y" }, nulEscape: true });
  });
});
