import { contentSecurityPolicy, scriptHash } from "@/lib/http/csp";

// The only client JavaScript of the survey, inlined (well under 1 KB
// gzipped). Everything works without it; it only makes things smoother:
// ticking N/A sets the pair's radios aside, the importance total updates as
// the customer types, and a second click while a page is being sent is ignored
// (the server would accept it anyway: a resend never duplicates a response).

export const enhanceScript = `(function(d){
d.querySelectorAll(".sv-na input").forEach(function(box){
var item=box.closest(".sv-item");
function sync(){item.querySelectorAll(".sv-options input").forEach(function(r){r.disabled=box.checked})}
box.addEventListener("change",sync);sync();
});
var out=d.getElementById("sv-total");
if(out){var inputs=d.querySelectorAll("input[data-points]");
var sum=function(){var s=0;inputs.forEach(function(i){var v=parseFloat(i.value);if(v>0)s+=v});s=Math.round(s*100)/100;out.textContent=String(s);out.parentNode.classList.toggle("ok",s===100)};
inputs.forEach(function(i){i.addEventListener("input",sum)});}
d.querySelectorAll("form").forEach(function(f){f.addEventListener("submit",function(e){
if(f.getAttribute("data-sent")){e.preventDefault();return}
f.setAttribute("data-sent","1");setTimeout(function(){f.removeAttribute("data-sent")},8000)})});
})(document);`;

/**
 * The survey pages' Content-Security-Policy: this script, by its hash, is the
 * only script they may run (the survey is served by a route handler, outside
 * the proxy that gives Next's pages their nonces).
 */
export const surveyContentSecurityPolicy = contentSecurityPolicy({ hashes: [scriptHash(enhanceScript)] });
