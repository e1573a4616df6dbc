import { encodeSegment, multipart, urlencoded, type Part } from "./forge-helpers";
import { perspectives, type BadCase, type Gen } from "./bad-input-gen";

// The customer survey (/s/<token>) and the internal perspective links
// (/i/<token>, /i/<token>/step): forged step posts, each with a defect no
// real form sends, and odd GETs (harmless: 200 or 404).

export function surveyCases(g: Gen) {
  const { f, pick, chance, int, inject, huge, uuid, base, A, stepsA, criterionStepsA, lastA, itemsA, itemsB } = g;
  // ── The customer survey (/s/<token>) ──────────────────────────────────────
  const validStep = (rid: string, index: number, version = A.versionId): [string, string][] => {
    const step = stepsA[index];
    const fields: [string, string][] = [
      ["rid", rid],
      ["v", version],
      ["step", String(index)],
      ["lang", "en"],
      ["intent", "next"],
      ["website", ""],
    ];
    if (step.kind === "intro") fields.push(["segment", pick(A.segments)]);
    if (step.kind === "criterion") for (const item of step.criterion.items) fields.push([`e.${item.id}`, "5"], [`p.${item.id}`, "3"]);
    if (step.kind === "importance")
      A.snapshot.criteria.forEach((c, i) => fields.push([`w.${c.id}`, i === 0 ? String(100 - 10 * (A.snapshot.criteria.length - 1)) : "10"]));
    return fields;
  };
  const set = (fields: [string, string][], name: string, value: string) => {
    const at = fields.findIndex(([k]) => k === name);
    if (at >= 0) fields[at] = [name, value];
    else fields.push([name, value]);
  };
  const criterionStep = () => pick(criterionStepsA);
  type SurveyDefect = {
    name: string;
    allowed: number[];
    build: () => { fields: [string, string][]; token?: string; raw?: { body: string | Buffer; type: string } };
  };
  const surveyDefects: SurveyDefect[] = [
    {
      name: "JSON body",
      allowed: [415],
      build: () => ({ fields: [], raw: { body: JSON.stringify({ rid: f.midA, step: 1 }), type: "application/json" } }),
    },
    {
      name: "plain text body",
      allowed: [415],
      build: () => ({ fields: [], raw: { body: "rid=x&step=1", type: pick(["text/plain", "application/xml", "image/png"]) } }),
    },
    { name: "empty body", allowed: [400], build: () => ({ fields: [], raw: { body: "", type: "application/x-www-form-urlencoded" } }) },
    {
      name: "broken multipart",
      allowed: [400],
      build: () => ({
        fields: [],
        raw: {
          body: "--x\r\nContent-Disposition: form-data\r\n\r\nzz",
          type: pick(["multipart/form-data", "multipart/form-data; boundary=x", "multipart/form-data; boundary="]),
        },
      }),
    },
    { name: "oversized", allowed: [413], build: () => ({ fields: [...validStep(f.midA, 1), ["comment", huge(70_000)]] }) },
    {
      name: "unknown field",
      allowed: [400],
      build: () => ({ fields: [...validStep(uuid(), 0), [pick(["admin", "status", inject(), "e", "x.y"]), inject()]] }),
    },
    { name: "repeated field", allowed: [400], build: () => ({ fields: [...validStep(uuid(), 0), ["rid", uuid()]] }) },
    {
      name: "bad response id",
      allowed: [400],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "rid", pick([inject(), "", huge(200), "00000000-0000-0000-0000-00000000000g"]));
        return { fields };
      },
    },
    {
      name: "bad step",
      allowed: [400],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "step", pick(["-1", "abc", "1e2", "9999", "0x1", " 1", inject(), ""]));
        return { fields };
      },
    },
    {
      name: "no such step",
      allowed: [422],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "step", String(int(stepsA.length, 999)));
        return { fields };
      },
    },
    { name: "step not reached", allowed: [409], build: () => ({ fields: validStep(uuid(), int(1, lastA)) }) },
    {
      name: "missing hidden field",
      allowed: [400],
      build: () => {
        const drop = pick(["rid", "v", "step"]);
        return { fields: validStep(uuid(), 0).filter(([k]) => k !== drop) };
      },
    },
    {
      name: "rating out of range",
      allowed: [422],
      build: () => {
        const step = criterionStep();
        const fields = validStep(f.midA, Math.min(step.index, 2));
        const item = fields.find(([k]) => k.startsWith("e."))!;
        set(fields, item[0], pick(["0", "8", "-1", "99999999"]));
        fields.push(["comment", inject()]);
        return { fields };
      },
    },
    {
      name: "rating not a number",
      allowed: [400],
      build: () => {
        const fields = validStep(f.midA, 1);
        const item = fields.find(([k]) => k.startsWith("p."))!;
        set(fields, item[0], pick(["abc", "4.5", "1e3", inject(), huge(50), "NaN", "Infinity"]));
        return { fields };
      },
    },
    {
      name: "unknown item",
      allowed: [422, 400],
      build: () => ({
        fields: [...validStep(f.midA, 1), [`e.${pick([inject().slice(0, 90) || "x", pick(itemsB).id, itemsA[itemsA.length - 1].id])}`, "3"]],
      }),
    },
    {
      name: "prototype as a field",
      allowed: [400],
      build: () => ({
        fields: [...validStep(f.midA, 1), [`${pick(["e", "p", "na", "w"])}.${pick(["__proto__", "constructor", "prototype"])}`, pick(["3", "1"])]],
      }),
    },
    {
      name: "not-applicable flag",
      allowed: [400],
      build: () => ({ fields: [...validStep(f.midA, 1), [`na.${itemsA[0].id}`, pick(["2", "yes", inject()])]] }),
    },
    { name: "another study's response", allowed: [409], build: () => ({ fields: validStep(f.inProgressB, 0) }) },
    {
      name: "another study's version",
      allowed: [409],
      build: () => ({ fields: validStep(uuid(), 0, pick([f.studyB.versionId, uuid(), inject().slice(0, 90) || "v"])) }),
    },
    {
      name: "another study's items on its link",
      allowed: [422],
      build: () => ({
        token: f.studyB.token,
        fields: [
          ["rid", f.inProgressB],
          ["v", f.studyB.versionId],
          ["step", "1"],
          ["lang", "en"],
          ["intent", "next"],
          ["website", ""],
          ...itemsA.slice(0, 2).flatMap(
            (i) =>
              [
                [`e.${i.id}`, "3"],
                [`p.${i.id}`, "3"],
              ] as [string, string][],
          ),
        ],
      }),
    },
    {
      name: "unknown language",
      allowed: [400],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "lang", pick(["xx", "en-US", inject()]));
        return { fields };
      },
    },
    {
      name: "unknown intent",
      allowed: [400],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "intent", pick(["submit", "delete", inject()]));
        return { fields };
      },
    },
    { name: "comment too long", allowed: [400], build: () => ({ fields: [...validStep(f.midA, 1), ["comment", huge(2100)]] }) },
    {
      name: "unknown segment",
      allowed: [422],
      build: () => {
        const fields = validStep(uuid(), 0);
        set(fields, "segment", inject().slice(0, 90) || "zz");
        return { fields };
      },
    },
    { name: "segment off the first step", allowed: [422], build: () => ({ fields: [...validStep(f.midA, 1), ["segment", pick(A.segments)]] }) },
    {
      name: "points on a question step",
      allowed: [422],
      build: () => ({ fields: [...validStep(f.midA, 1), [`w.${A.snapshot.criteria[0].id}`, "100"]] }),
    },
    {
      name: "points not numbers",
      allowed: [400, 422],
      build: () => {
        const fields = validStep(f.lastA, lastA);
        set(fields, `w.${A.snapshot.criteria[0].id}`, pick(["NaN", "1e400", "abc", huge(30), inject()]));
        return { fields };
      },
    },
    {
      name: "points not adding up",
      allowed: [422],
      build: () => {
        const fields = validStep(f.lastA, lastA);
        set(fields, `w.${A.snapshot.criteria[0].id}`, pick(["99", "-50", "1000000"]));
        return { fields };
      },
    },
    {
      name: "too many fields",
      allowed: [400],
      build: () => ({ fields: [...validStep(f.midA, 1), ...Array.from({ length: 320 }, (_, i) => [`e.x${i}`, "1"] as [string, string])] }),
    },
    { name: "a file", allowed: [400], build: () => ({ fields: validStep(f.midA, 1) }) },
    {
      name: "honeypot filled",
      allowed: [303],
      build: () => ({ fields: [...validStep(uuid(), 0).filter(([k]) => k !== "website"), ["website", inject() || "spam"]] }),
    },
    { name: "replay of a submitted response", allowed: [303], build: () => ({ fields: validStep(f.submittedA, int(0, lastA)) }) },
    {
      name: "unknown link",
      allowed: [404],
      build: () => ({ token: pick([encodeSegment(inject()), "A".repeat(32), encodeSegment(huge(300))]), fields: validStep(uuid(), 0) }),
    },
    { name: "used invite", allowed: [409], build: () => ({ token: f.usedInviteA, fields: validStep(uuid(), 0) }) },
    { name: "revoked link", allowed: [409, 404, 410], build: () => ({ token: f.revokedLinkA, fields: validStep(uuid(), 0) }) },
    {
      name: "invite, step not reached",
      allowed: [409],
      build: () => ({ token: f.inviteA, fields: validStep(uuid(), int(1, lastA)).filter(([k]) => k !== "segment") }),
    },
  ];
  const survey = (): BadCase => {
    const defect = pick(surveyDefects);
    const built = defect.build();
    let body: string | Buffer;
    let type: string;
    if (built.raw) ({ body, type } = built.raw);
    else if (defect.name === "a file" || chance(0.4)) {
      const parts: Part[] = built.fields;
      if (defect.name === "a file") parts.push(["comment", { filename: "x.txt", type: "text/plain", content: inject() }]);
      ({ body, type } = multipart(parts));
    } else {
      body = urlencoded(built.fields);
      type = "application/x-www-form-urlencoded";
    }
    return {
      family: "survey POST",
      name: defect.name,
      method: "POST",
      path: `/s/${built.token ?? A.token}`,
      headers: base({ "content-type": type }),
      body,
      allowed: [...defect.allowed, 429],
      location: /^\/s\/[^/]+\?thanks=1$/,
    };
  };
  const surveyGet = (): BadCase => {
    const token = pick([A.token, A.token, f.inviteA, f.usedInviteA, f.revokedLinkA, encodeSegment(inject()), "x"]);
    const query = pick([
      `step=${encodeSegment(pick(["-1", "999", "abc", "1e9", inject()]))}`,
      `lang=${encodeSegment(pick(["xx", inject(), huge(100)]))}`,
      "thanks&missing&step=2",
      `${encodeSegment(inject())}=${encodeSegment(inject())}`,
      `step=1&step=2&lang=en&lang=zh-Hans`,
    ]);
    const known = [A.token, f.inviteA, f.usedInviteA, f.revokedLinkA].includes(token);
    return { family: "survey GET", name: "odd query", method: "GET", path: `/s/${token}?${query}`, headers: base(), allowed: known ? [200] : [404] };
  };

  // ── Internal perspective links (/i/<token>, /i/<token>/step) ──────────────
  const internal = (): BadCase => {
    const perspective = pick(perspectives);
    const token = f.internalA[perspective];
    if (chance(0.25)) {
      const query = pick([
        `step=${encodeSegment(pick(["-1", "99", "abc", inject()]))}`,
        `lang=${encodeSegment(inject())}`,
        "done=1&missing=9",
        `${encodeSegment(inject())}=1`,
      ]);
      const target = pick([token, f.revokedInternalA, encodeSegment(inject()), "x".repeat(300)]);
      return { family: "internal", name: "page, odd query", method: "GET", path: `/i/${target}?${query}`, headers: base(), allowed: [200, 404] };
    }
    const item = (i = 0) => `item:${A.snapshot.criteria[0].items[i].id}`;
    const defects: { name: string; allowed: number[]; fields: [string, string][]; raw?: { body: string; type: string }; token?: string }[] = [
      { name: "unknown link", allowed: [303], fields: [["step", "0"]], token: pick([f.revokedInternalA, encodeSegment(inject()), "A".repeat(32)]) },
      { name: "JSON body", allowed: [415], fields: [], raw: { body: '{"step":0}', type: "application/json" } },
      { name: "broken multipart", allowed: [400], fields: [], raw: { body: "garbage", type: "multipart/form-data; boundary=zz" } },
      {
        name: "oversized",
        allowed: [413],
        fields: [
          ["step", "0"],
          [item(), "3"],
          ["lang", huge(70_000)],
        ],
      },
      {
        name: "unknown field",
        allowed: [400],
        fields: [
          ["step", "0"],
          [pick(["admin", inject(), "rating"]), "1"],
        ],
      },
      { name: "bad step", allowed: [400], fields: [["step", pick(["-1", "abc", "", "1.5", inject()])]] },
      {
        name: "no such step",
        allowed: [409],
        fields: [
          ["step", String(int(20, 999))],
          [item(), "3"],
        ],
      },
      {
        name: "rating off the scale",
        allowed: [422],
        fields: [
          ["step", "0"],
          [item(), pick(["0", "8", "99"])],
        ],
      },
      {
        name: "rating not a number",
        allowed: [400],
        fields: [
          ["step", "0"],
          [item(), pick(["abc", "4.5", inject(), "-1"])],
        ],
      },
      {
        name: "another study's item",
        allowed: [422],
        fields: [
          ["step", "0"],
          [`item:${pick(itemsB).id}`, "3"],
        ],
      },
      {
        name: "prototype as an item",
        allowed: [422],
        fields: [
          ["step", "0"],
          [`item:${pick(["__proto__", "constructor"])}`, "3"],
        ],
      },
      {
        name: "another step's item",
        allowed: [422],
        fields: [
          ["step", "0"],
          [`item:${A.snapshot.criteria[1].items[0].id}`, "3"],
        ],
      },
      {
        name: "cause on a criterion step",
        allowed: [422],
        fields: [
          ["step", "0"],
          [`cause:${inject().slice(0, 50) || "x"}`, "3"],
        ],
      },
      {
        name: "repeated field",
        allowed: [400],
        fields: [
          ["step", "0"],
          [item(), "3"],
          [item(), "4"],
        ],
      },
      {
        name: "unknown intent",
        allowed: [400],
        fields: [
          ["step", "0"],
          ["intent", inject()],
        ],
      },
    ];
    const d = pick(defects);
    const form = d.raw ?? (chance(0.5) ? { body: urlencoded(d.fields), type: "application/x-www-form-urlencoded" } : multipart(d.fields));
    return {
      family: "internal",
      name: `step: ${d.name}`,
      method: "POST",
      path: `/i/${d.token ?? token}/step`,
      headers: base({ "content-type": form.type }),
      body: form.body,
      allowed: [...d.allowed, 429],
      location: /^\/i\/[^/]+\?$/,
    };
  };

  return { survey, surveyGet, internal };
}
