import QRCode from "qrcode";

// QR codes of survey links: one home for their settings, so the page, the
// downloads and the table card print the same code. Level M survives a
// smudge or a fold on a printed card and keeps a short link's code small.

/** For inlining in a page: a one-module quiet zone, the app's ink colour. */
export function qrSvgInline(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#1c2330", light: "#ffffff" } });
}

/** For print files: black on white, a two-module quiet zone. */
export function qrSvgFile(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

/** A 1024-pixel PNG, large enough for a poster. */
export async function qrPng(url: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await QRCode.toBuffer(url, { type: "png", width: 1024, margin: 2, errorCorrectionLevel: "M" }));
}
