import zlib from "node:zlib";

// Just enough of PDF to read back what Chromium printed, with no dependency:
// each page's size, its text (through the fonts' ToUnicode maps) and where
// the rightmost piece of text starts. Chromium (Skia) writes plain objects,
// Flate streams, Type0 fonts shown with hex strings, forms drawn with Do.

export type PdfPage = { width: number; height: number; text: string; maxX: number };

type Obj = { dict: string; stream?: Buffer };
type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const identity: Matrix = [1, 0, 0, 1, 0, 0];

function readObjects(pdf: Buffer): Map<number, Obj> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, Obj>();
  const header = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = start + streamAt + body.slice(streamAt).match(/^stream\r?\n/)![0].length;
    const dataEnd = text.lastIndexOf("endstream", end);
    let data = pdf.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    objects.set(Number(m[1]), { dict, stream: data });
    header.lastIndex = end;
  }
  return objects;
}

/** The raw text of a dictionary entry's value (a reference, a number, an array or a nested dictionary). */
function entry(dict: string, key: string): string | undefined {
  const at = dict.search(new RegExp(`/${key}(?![A-Za-z0-9])`));
  if (at < 0) return undefined;
  let i = at + key.length + 1;
  while (/\s/.test(dict[i])) i++;
  const ref = /^(\d+) 0 R/.exec(dict.slice(i));
  if (ref) return ref[0];
  const open = dict.slice(i, i + 2) === "<<" ? "<<" : dict[i] === "[" ? "[" : null;
  if (!open) return /^[^\s/>\]]+/.exec(dict.slice(i))?.[0];
  const close = open === "<<" ? ">>" : "]";
  let depth = 0;
  for (let j = i; j < dict.length; j++) {
    if (dict.startsWith(open, j)) {
      depth++;
      j += open.length - 1;
    } else if (dict.startsWith(close, j)) {
      depth--;
      j += close.length - 1;
      if (depth === 0) return dict.slice(i, j + 1);
    }
  }
  return undefined;
}

function resolve(objects: Map<number, Obj>, value: string | undefined): string | undefined {
  const ref = value && /^(\d+) 0 R$/.exec(value);
  return ref ? objects.get(Number(ref[1]))?.dict : value;
}

type Font = { bytes: number; map: Map<string, string> };

/** A font's ToUnicode map: glyph code (hex) to text; codes are two bytes in a Type0 font, one otherwise (Skia's Type3 fonts for CFF faces such as Noto CJK). */
function toUnicode(objects: Map<number, Obj>, fontDict: string): Font {
  const map = new Map<string, string>();
  const font = { bytes: /\/Subtype\s*\/Type0/.test(fontDict) ? 2 : 1, map };
  const ref = entry(fontDict, "ToUnicode");
  const stream = ref && objects.get(Number(ref.split(" ")[0]))?.stream?.toString("latin1");
  if (!stream) return font;
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(src.toUpperCase(), utf16(dst));
  for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = parseInt(dst.slice(-4), 16);
      for (let c = parseInt(lo, 16); c <= parseInt(hi, 16); c++)
        map.set(c.toString(16).toUpperCase().padStart(lo.length, "0"), utf16(dst.slice(0, -4)) + String.fromCharCode(base + c - parseInt(lo, 16)));
    }
  return font;
}

const simplifiedRadicals: Record<string, string> = {
  "\u2ec5": "见",
  "\u2ec8": "讠",
  "\u2ec9": "贝",
  "\u2ecb": "车",
  "\u2ed4": "钅",
  "\u2ed5": "长",
  "\u2ed7": "门",
  "\u2eda": "页",
  "\u2edb": "风",
  "\u2ee2": "马",
  "\u2eec": "齐",
};

const tokenPattern = /\/[^\s/<>[\]()]+|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|<<|>>|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+\d?\*?/g;

export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)!.dict;
    if (/\/Type\s*\/Pages/.test(dict)) for (const [, kid] of entry(dict, "Kids")!.matchAll(/(\d+) 0 R/g)) walk(Number(kid));
    else pageIds.push(id);
  };
  walk(Number(entry(catalog.dict, "Pages")!.split(" ")[0]));

  return pageIds.map((id) => {
    const dict = objects.get(id)!.dict;
    const box = entry(dict, "MediaBox")!.slice(1, -1).trim().split(/\s+/).map(Number);
    const out = { width: box[2] - box[0], height: box[3] - box[1], text: "", maxX: 0 };
    const fontMaps = new Map<string, Font>();
    const run = (content: Buffer, resources: string, start: Matrix) => {
      const fonts = resolve(objects, entry(resources, "Font")) ?? "";
      const xobjects = resolve(objects, entry(resources, "XObject")) ?? "";
      const stack: Matrix[] = [];
      let ctm = start;
      let tm: Matrix = identity;
      let line: Matrix = identity;
      let font: Font = { bytes: 2, map: new Map() };
      const operands: string[] = [];
      const show = (hexes: string[]) => {
        const [x] = multiply(tm, ctm).slice(4);
        out.maxX = Math.max(out.maxX, x);
        for (const hex of hexes) {
          const digits = hex.replace(/[<>\s]/g, "").toUpperCase();
          const step = font.bytes * 2;
          for (let i = 0; i + step <= digits.length; i += step) out.text += font.map.get(digits.slice(i, i + step)) ?? "";
        }
      };
      for (const [token] of content.toString("latin1").matchAll(tokenPattern)) {
        if (/^[A-Za-z'"*]/.test(token) && !token.startsWith("/")) {
          const n = operands.map(Number);
          if (token === "q") stack.push(ctm);
          else if (token === "Q") ctm = stack.pop() ?? start;
          else if (token === "cm") ctm = multiply(n.slice(-6) as Matrix, ctm);
          else if (token === "BT") tm = line = identity;
          else if (token === "ET") out.text += " ";
          else if (token === "Tm") tm = line = n.slice(-6) as Matrix;
          else if (token === "Td" || token === "TD") tm = line = multiply([1, 0, 0, 1, n.at(-2)!, n.at(-1)!], line);
          else if (token === "Tf") {
            const name = operands.at(-2)!.slice(1);
            const key = `${resources}|${name}`;
            if (!fontMaps.has(key)) fontMaps.set(key, toUnicode(objects, resolve(objects, entry(fonts, name)) ?? ""));
            font = fontMaps.get(key)!;
          } else if (token === "Tj" || token === "'" || token === '"') show(operands.filter((o) => o.startsWith("<")));
          else if (token === "TJ") show(operands.filter((o) => o.startsWith("<")));
          else if (token === "Do") {
            const ref = entry(xobjects, operands.at(-1)!.slice(1));
            const form = ref ? objects.get(Number(ref.split(" ")[0])) : undefined;
            if (form?.stream && /\/Subtype\s*\/Form/.test(form.dict)) {
              const matrix = entry(form.dict, "Matrix")?.slice(1, -1).trim().split(/\s+/).map(Number) as Matrix | undefined;
              run(form.stream, resolve(objects, entry(form.dict, "Resources")) ?? resources, multiply(matrix ?? identity, ctm));
            }
          }
          operands.length = 0;
        } else if (token !== "[" && token !== "]") operands.push(token);
      }
    };
    const resources = resolve(objects, entry(dict, "Resources")) ?? "";
    const contents = entry(dict, "Contents")!;
    for (const [, ref] of contents.matchAll(/(\d+) 0 R/g)) run(objects.get(Number(ref))!.stream!, resources, identity);
    // Skia's maps for CJK faces name some characters by their Kangxi radical (⾴ for 頁): fold those back.
    // Simplified forms in the radicals supplement have no such folding: the common ones by hand.
    out.text = out.text.replace(/[\u2e80-\u2fdf]/g, (ch) => simplifiedRadicals[ch] ?? ch.normalize("NFKC"));
    return out;
  });
}
