// The survey's own stylesheet, inlined in each page (one request, ~2 KB
// gzipped). The app's globals.css is not loaded here: the survey has no app
// chrome. Colours keep WCAG 2.1 AA contrast (text ≥ 4.5:1, controls ≥ 3:1).

import { fontCss } from "@/ui/font-stacks";

export const surveyCss = `
${fontCss}
:root{--bg:#f6f7f9;--surface:#fff;--text:#1c2330;--muted:#5a6474;--border:#d9dee6;--control:#767f8f;--accent:#1f5fae;--accent-strong:#174a88;--accent-soft:#e8f0fb;
--expected:#1f5fae;--perceived:#b2400b;--danger:#b42318;--danger-soft:#fdecea;--ok:#1c7c4a;--focus:#f59e0b;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:var(--font);font-size:17px;line-height:1.5;color:var(--text);background:var(--bg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1,h2{line-height:1.25;margin:0 0 .5em}
h1{font-size:1.55rem}
h2{font-size:1.2rem}
p{margin:0 0 .75em}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.sv-skip{position:absolute;left:-10000px;top:0;background:var(--surface);padding:.5rem 1rem;z-index:2}
.sv-skip:focus{left:.5rem;top:.5rem}
.sv-top{background:var(--surface);border-bottom:1px solid var(--border)}
.sv-top .sv-bar{max-width:880px;margin:0 auto;padding:.6rem 1rem;display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}
.sv-provider{font-weight:700;flex:1 1 auto;overflow-wrap:anywhere}
.sv-lang{display:flex;gap:.25rem;flex-wrap:wrap}
.sv-lang a,.sv-lang button{display:inline-flex;align-items:center;min-height:44px;padding:0 .6rem;border-radius:6px;color:var(--muted);text-decoration:none;font:inherit;font-size:.9rem;background:none;border:0;cursor:pointer}
.sv-lang a[aria-current="true"]{color:var(--text);background:var(--bg);border:1px solid var(--border)}
.sv-lang a:hover,.sv-lang button:hover{color:var(--accent-strong);text-decoration:underline}
.sv-main{max-width:880px;margin:0 auto;padding:1.25rem 1rem 3rem}
.sv-card{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:1.25rem;margin-bottom:1rem;box-shadow:0 1px 2px rgba(16,24,40,.06)}
.sv-lead{color:var(--muted)}
.sv-intro ul{padding-left:1.25rem;margin:.25rem 0 .75rem}
.sv-intro li{margin-bottom:.35rem}
.sv-swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em}
.sv-swatch.e{background:var(--expected)}
.sv-swatch.p{background:var(--perceived)}
.sv-progress{margin-bottom:1rem}
.sv-progress p{margin:0 0 .35rem;color:var(--muted);font-size:.9rem;font-weight:600}
.sv-progress .sv-track{height:8px;border-radius:999px;background:#dfe4ec;overflow:hidden}
.sv-progress .sv-fill{display:block;height:100%;background:var(--accent);border-radius:999px}
.sv-criterion-desc{color:var(--muted);margin-bottom:.5rem}
.sv-note{border-radius:8px;padding:.75rem 1rem;margin-bottom:1rem;border:1px solid}
.sv-note.info{background:var(--accent-soft);border-color:#b9cff0;color:#123a6b}
.sv-note.error{background:var(--danger-soft);border-color:#f2b8b5;color:#7a1a12}
.sv-note.error a{color:#7a1a12}
.sv-note ul{margin:.25rem 0 0;padding-left:1.25rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0}
.sv-item{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:1rem 1.1rem 1.1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(16,24,40,.06)}
.sv-item>legend{float:left;width:100%;font-weight:600;font-size:1.05rem;margin-bottom:.75rem;overflow-wrap:anywhere}
.sv-item>legend+*{clear:both}
.sv-item.has-error{border-color:var(--danger);box-shadow:0 0 0 1px var(--danger)}
.sv-num{color:var(--muted);font-weight:600;margin-right:.35em}
.sv-pair{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:760px){.sv-pair{grid-template-columns:1fr 1fr;gap:1.5rem}}
.sv-scale{border-left:4px solid var(--expected);padding-left:.75rem}
.sv-scale.p{border-left-color:var(--perceived)}
.sv-scale>legend{float:left;width:100%;font-size:.9rem;font-weight:700;color:var(--expected);margin-bottom:.35rem}
.sv-scale.p>legend{color:var(--perceived)}
.sv-scale>legend+*{clear:both}
.sv-ends{display:flex;justify-content:space-between;font-size:.8rem;color:var(--muted);margin-bottom:.25rem}
.sv-options{display:flex;gap:4px}
.sv-opt{position:relative;flex:1 1 0;min-width:0}
.sv-opt input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.sv-opt span{display:flex;align-items:center;justify-content:center;min-height:46px;border:1px solid var(--control);border-radius:8px;background:var(--surface);font-weight:600;font-variant-numeric:tabular-nums;user-select:none}
.sv-opt input:hover+span{background:var(--accent-soft)}
.sv-opt input:checked+span{background:var(--expected);border-color:var(--expected);color:#fff}
.sv-scale.p .sv-opt input:checked+span{background:var(--perceived);border-color:var(--perceived)}
.sv-opt input:focus-visible+span{outline:3px solid var(--focus);outline-offset:2px}
.sv-opt input:disabled+span{opacity:.45;cursor:not-allowed}
.sv-na{display:flex;align-items:center;gap:.6rem;min-height:44px;margin-top:.6rem;cursor:pointer;width:fit-content;max-width:100%}
.sv-na input{width:1.3rem;height:1.3rem;margin:0;flex:none;accent-color:var(--accent)}
.sv-item:has(.sv-na input:checked) .sv-pair{opacity:.5}
.sv-error{color:var(--danger);font-weight:600;margin:.5rem 0 0}
.sv-field{margin-bottom:1rem}
.sv-field label{display:block;font-weight:600;margin-bottom:.3rem}
.sv-field .sv-hint{font-size:.9rem;color:var(--muted);margin:.25rem 0 0}
.sv-optional{font-weight:400;color:var(--muted)}
textarea,select,input[type=number]{width:100%;font:inherit;color:inherit;padding:.6rem .75rem;border:1px solid var(--control);border-radius:8px;background:var(--surface);min-height:44px}
textarea{min-height:6rem;resize:vertical}
[aria-invalid="true"]{border-color:var(--danger)!important;box-shadow:0 0 0 1px var(--danger)}
.sv-weights{display:grid;gap:.5rem;margin-bottom:.75rem}
.sv-weight{display:flex;align-items:center;gap:1rem;justify-content:space-between;padding:.5rem 0;border-bottom:1px solid var(--border)}
.sv-weight label{font-weight:600;flex:1 1 auto;overflow-wrap:anywhere}
.sv-weight input{width:6.5rem;flex:none;text-align:right}
.sv-total{font-weight:700;font-size:1.05rem}
.sv-total.ok{color:var(--ok)}
.sv-actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center;margin-top:1.25rem}
.sv-button{display:inline-flex;align-items:center;justify-content:center;font:inherit;font-weight:700;min-height:48px;padding:.6rem 1.5rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
.sv-button:hover{background:var(--accent-strong);color:#fff}
.sv-button.secondary{background:var(--surface);color:var(--accent-strong);border-color:var(--control)}
.sv-button.secondary:hover{background:var(--accent-soft);color:var(--accent-strong)}
.sv-button:disabled{opacity:.6;cursor:not-allowed}
@media (max-width:560px){body{font-size:16px}.sv-main{padding:1rem .75rem 2.5rem}.sv-card,.sv-item{padding:1rem .85rem}h1{font-size:1.35rem}.sv-actions .sv-button{flex:1 1 100%}}
.sv-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.sv-message{text-align:center;padding:2rem 1.25rem}
.sv-message .sv-icon{line-height:0;margin-bottom:.75rem}
.sv-message p{color:var(--muted);max-width:36rem;margin-left:auto;margin-right:auto}
.sv-details{text-align:left;font-size:.9rem;max-width:36rem;margin:0 auto 1rem}
input[type=text],input[type=email],input[type=tel]{width:100%;font:inherit;color:inherit;padding:.6rem .75rem;border:1px solid var(--control);border-radius:8px;background:var(--surface);min-height:44px}
.sv-legend{font-weight:700;font-size:1.05rem;margin-bottom:.5rem}
.sv-choices{display:grid;gap:.5rem}
@media (min-width:560px){.sv-choices{grid-template-columns:1fr 1fr}}
.sv-choices .sv-choice{display:flex;align-items:center;gap:.6rem;min-height:48px;padding:.5rem .85rem;border:1px solid var(--control);border-radius:8px;background:var(--surface);cursor:pointer;font-weight:600}
.sv-choices .sv-choice input{width:1.3rem;height:1.3rem;margin:0;flex:none;accent-color:var(--accent)}
.sv-choices .sv-choice:has(input:checked){border-color:var(--accent);background:var(--accent-soft)}
.sv-hint{font-size:.9rem;color:var(--muted)}
`;

/**
 * The same stylesheet confined to one element (the designer's preview shows
 * the survey inside the app): every rule's selectors are prefixed with
 * `scope`, and the document-level ones (:root, html, body) become the scope
 * itself. The survey's CSS is plain rules and @media blocks of rules, which
 * is all this handles.
 */
export function scopedSurveyCss(scope: string, css: string = surveyCss): string {
  const prefix = (selectors: string) =>
    selectors
      .split(",")
      .map((raw) => {
        const selector = raw.trim();
        // `html:lang(zh-Hans)` → `.scope:lang(zh-Hans)`: the scope carries the survey's lang.
        const documentLevel = /^(:root|html|body)(?=$|[:[.#\s>])/.exec(selector);
        if (documentLevel) return `${scope}${selector.slice(documentLevel[0].length)}`;
        return `${scope} ${selector}`;
      })
      .join(",");
  let out = "";
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    if (open === -1) break;
    const head = css.slice(i, open).trim();
    if (head.startsWith("@media")) {
      // Rules until the block's closing brace.
      let depth = 1;
      let j = open + 1;
      while (j < css.length && depth > 0) {
        if (css[j] === "{") depth++;
        else if (css[j] === "}") depth--;
        j++;
      }
      out += `${head}{${scopedSurveyCss(scope, css.slice(open + 1, j - 1))}}\n`;
      i = j;
      continue;
    }
    const close = css.indexOf("}", open);
    out += `${prefix(head)}{${css.slice(open + 1, close)}}\n`;
    i = close + 1;
  }
  return out;
}
