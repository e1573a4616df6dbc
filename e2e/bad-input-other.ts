import { actionFields, encodeSegment, headerSafe, multipart, urlencoded, type Part, type ServerAction } from "./forge-helpers";
import type { BadCase, Gen } from "./bad-input-gen";

// /locale, /api/health, every server action forged while signed out (or with
// a dead session), and the managers' route handlers and pages signed out.

export function otherCases(g: Gen) {
  const { f, pick, chance, int, inject, huge, uuid, base, A } = g;
  const badId = () =>
    pick([encodeSegment(inject()), uuid(), f.studyB.id, "0", "-1", "null", "x".repeat(500), "%00", "..%2F..%2Fsettings", "%E0%A4%A", "%ZZ"]);
  // ── /locale and /api/health ────────────────────────────────────────────────
  const locale = (): BadCase => {
    if (chance(0.15))
      return { family: "locale", name: "wrong method", method: pick(["GET", "PUT"]), path: "/locale", headers: base(), allowed: [405] };
    if (chance(0.5)) {
      const fields: [string, string][] = [
        ["locale", pick(["xx", inject(), "", "EN", huge(1000)])],
        ["back", inject()],
      ];
      return {
        family: "locale",
        name: "unknown language",
        method: "POST",
        path: "/locale",
        headers: base({ "content-type": "application/x-www-form-urlencoded" }),
        body: urlencoded(fields),
        allowed: [400],
      };
    }
    const back = pick([
      "//evil.example/x",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\\evil.example",
      "/studies?x=1",
      inject(),
      "/%0d%0aSet-Cookie:x=1",
    ]);
    const raw = chance(0.2);
    return {
      family: "locale",
      name: raw ? "not a form" : "foreign way back",
      method: "POST",
      path: "/locale",
      headers: base({
        "content-type": raw ? "application/json" : "application/x-www-form-urlencoded",
        referer: headerSafe(pick(["https://evil.example/", inject(), "//evil.example"])),
      }),
      body: raw
        ? '{"locale":"en"}'
        : urlencoded([
            ["locale", pick(["en", "zh-Hant", "zh-Hans"])],
            ["back", back],
          ]),
      allowed: raw ? [400] : [303],
      // Only ever back into this site: a path, never another origin.
      location: /^\/(?![/\\])[^\s]*$/,
    };
  };
  const health = (): BadCase =>
    chance(0.5)
      ? {
          family: "health",
          name: "odd query",
          method: "GET",
          path: `/api/health?${encodeSegment(inject())}=${encodeSegment(huge(200))}`,
          headers: base(),
          allowed: [200],
        }
      : {
          family: "health",
          name: "wrong method",
          method: pick(["POST", "PUT", "DELETE"]),
          path: "/api/health",
          headers: base({ "content-type": "application/json" }),
          body: "{}",
          allowed: [405],
        };

  // ── Server actions, forged while signed out (or with a dead session) ───────
  const signIn = f.actions.find((a) => a.name === "signIn");
  const setUp = f.actions.find((a) => a.name === "setUp");
  const email = () => `${f.marker}-${int(1, 1e6)}@example.test`;
  const actionCase = (): BadCase => {
    const pages = [
      "/sign-in",
      "/setup",
      "/studies",
      "/settings",
      `/studies/${A.id}/design`,
      `/studies/${A.id}/distribute`,
      `/studies/${A.id}/follow-up`,
      "/forbidden",
      "/",
    ];
    let page = pick(pages);
    const kind = pick([
      "sign-in",
      "sign-in",
      "setup",
      "any action",
      "any action",
      "any action",
      "garbage id",
      "garbage body",
      "oversized",
      "fetch action",
      "cross-site",
    ] as const);
    let parts: Part[] = [];
    let allowed: number[];
    let location: RegExp | undefined;
    if (kind === "sign-in" && signIn) {
      parts = [
        ...actionFields(signIn, [{}]),
        ["email", pick([email(), inject(), huge(500), "", `${f.marker}@example.test\u0000admin`])],
        ["password", pick([inject(), huge(5000), "", "correct horse battery"])],
        ["next", pick(["//evil.example", "https://evil.example", inject()])],
      ];
      if (chance(0.3)) parts.push(["password", { filename: "p.txt", type: "text/plain", content: "x" }]);
      // Refused or wrong credentials re-render the form (200); redirects go to sign-in.
      allowed = [200, 303, 400];
      location = /^\/sign-in/;
    } else if (kind === "setup" && setUp) {
      parts = [
        ...actionFields(setUp, [{}]),
        ["email", email()],
        ["password", pick(["correct horse battery", inject()])],
        ["workspace", `${f.marker} ${inject()}`],
        ["name", inject()],
      ];
      allowed = [200, 303, 400];
      location = /^\/sign-in/;
    } else if (kind === "any action") {
      const action = pick(f.actions);
      // On a page that carries it, so the call reaches the action itself.
      if (action.pages.length > 0) page = pick(action.pages).replace("[id]", A.id);
      const bound =
        action.id.startsWith("6") || action.id.startsWith("7")
          ? [["openCase", "changeCase", "removeCaseContact"].includes(action.name) ? A.id : {}]
          : undefined;
      parts = [
        ...actionFields(action, bound),
        ["studyId", A.id],
        ["userId", inject()],
        ["email", email()],
        ["role", "owner"],
        ["name", inject()],
        ["segments", inject()],
      ];
      // Signed out: the action's first line sends the caller to sign in (303); sign-in/set-up re-render (200).
      allowed = [303, 200, 400];
      location = /^\/sign-in/;
    } else if (kind === "garbage id") {
      parts = pick([
        [[`$ACTION_ID_${"0".repeat(42)}`, ""]],
        [[`$ACTION_ID_${encodeSegment(inject())}`, ""]],
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", pick(["notjson", "{}", '{"id":"x","bound":"$@1"}'])],
          ["$ACTION_1:1", inject()],
        ],
      ]) as Part[];
      allowed = [400, 404, 200];
    } else if (kind === "cross-site") {
      // A form on another site posting here (CSRF): refused before any action runs.
      const action = pick(f.actions);
      const form = multipart([...actionFields(action, action.id.startsWith("6") ? [{}] : undefined), ["studyId", A.id]]);
      const origin = pick(["https://evil.example", "null", "http://127.0.0.1.evil.example", headerSafe(inject())]);
      return {
        family: "actions",
        name: "cross-site form post",
        method: "POST",
        path: page,
        headers: base({ "content-type": form.type, origin }),
        body: form.body,
        allowed: [403],
      };
    } else if (kind === "oversized") {
      parts = [...actionFields(pick(f.actions)), ["x", huge(300_000)]];
      allowed = [413];
    } else if (kind === "fetch action") {
      // Half of them aim at the actions anyone may call, with arguments of the wrong kind.
      const publicAction = chance(0.5) ? pick([signIn, setUp].filter((x): x is ServerAction => !!x)) : undefined;
      const action = publicAction ?? pick(f.actions);
      return {
        family: "actions",
        name: publicAction ? `fetch-style call of ${publicAction.name}, wrong arguments` : "fetch-style action call",
        method: "POST",
        headers: base({
          "next-action": chance(0.7) ? action.id : headerSafe(inject()) || "x",
          "content-type": pick(["text/plain;charset=UTF-8", "multipart/form-data; boundary=zz"]),
        }),
        path: publicAction ? "/sign-in" : page,
        body: pick([
          "[]",
          "garbage",
          `["${headerSafe(inject()).replace(/["\\]/g, "")}"]`,
          "--zz\r\n",
          '[{},"x"]',
          "[null,null]",
          "[{},{}]",
          '[1,[2],{"a":"$@1"}]',
        ]),
        allowed: [200, 303, 400, 404, 405, 409],
        location: /^\/sign-in/,
      };
    } else {
      const raw = pick([
        { body: "garbage", type: "multipart/form-data; boundary=zz" },
        { body: "garbage", type: "multipart/form-data" },
        { body: `a=${encodeSegment(inject())}&%%%`, type: "application/x-www-form-urlencoded" },
        { body: inject(), type: "text/plain" },
      ]);
      return {
        family: "actions",
        name: "garbage body",
        method: "POST",
        path: page,
        headers: base({ "content-type": raw.type }),
        body: raw.body,
        allowed: [200, 307, 303, 400, 404, 405],
        location: /^\/(sign-in|setup|studies)/,
      };
    }
    const form = multipart(parts);
    return {
      family: "actions",
      name: `forged ${kind}`,
      method: "POST",
      path: page,
      headers: base({ "content-type": form.type }),
      body: form.body,
      allowed: [...allowed, 307, 404, 409],
      location: location ?? /^\/sign-in/,
    };
  };

  // ── Managers' route handlers and pages, signed out ────────────────────────
  const managerRoute = (): BadCase => {
    const id = chance(0.6) ? A.id : badId();
    const path = pick([
      `/studies/${id}/export?format=${encodeSegment(pick(["long", "bogus", inject()]))}&version=${encodeSegment(inject())}`,
      `/studies/${id}/distribute/qr?format=${encodeSegment(pick(["svg", "png", inject()]))}`,
      `/studies/${id}/distribute/invites?batch=${encodeSegment(pick(["1", "-1", "99999999999999999999", inject()]))}`,
      `/studies/${id}/${pick(["results", "gaps", "follow-up", "report", "design", "distribute", "edit", "preview"])}?${encodeSegment(inject())}=1`,
      `/settings?tab=${encodeSegment(inject())}`,
    ]);
    return {
      family: "manager routes",
      name: "signed out",
      method: "GET",
      path,
      headers: base(),
      allowed: [303, 307, 400, 404],
      location: /^(https?:\/\/[^/]+)?\/sign-in/,
    };
  };

  return { locale, health, actionCase, managerRoute };
}
