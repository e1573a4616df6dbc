import { causeStatementsFor } from "@/lib/responses/causes";
import { encodeSegment, headerSafe } from "./forge-helpers";
import { perspectives, type BadCase, type Gen } from "./bad-input-gen";

// The REST API's cases: every route, with every kind of key, bodies broken in
// every way a client can break them; a manager key's bodies always carry at
// least one defect, so nothing is ever created.

export function apiCases(g: Gen): (() => BadCase)[] {
  const { f, pick, chance, int, inject, huge, address, uuid, A, itemsA, itemsB } = g;
  const auth = (kind: "manager" | "analyst" | "other" | "bad"): Record<string, string> => {
    if (kind === "manager") return { authorization: `Bearer ${pick(f.keys.managers)}` };
    if (kind === "analyst") return { authorization: `Bearer ${f.keys.analyst}` };
    if (kind === "other") return { authorization: `Bearer ${f.keys.otherWorkspace}` };
    return pick<Record<string, string>>([
      {},
      { authorization: "Bearer" },
      { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` },
      { authorization: `Bearer ${f.keys.revoked}` },
      { authorization: `Bearer gm_${"A".repeat(40)}` },
      { authorization: `Bearer ${headerSafe(inject()).replace(/\s/g, "_") || "x"}` },
      { authorization: `Bearer ${f.keys.managers[0]} extra` },
      { authorization: `Bearer ${"k".repeat(5000)}` },
    ]);
  };
  const badId = () =>
    pick([encodeSegment(inject()), uuid(), f.studyB.id, "0", "-1", "null", "x".repeat(500), "%00", "..%2F..%2Fsettings", "%E0%A4%A", "%ZZ"]);
  const jsonBody = (value: unknown) => JSON.stringify(value);
  const rawJsonDefect = (): { body: string | Buffer; type?: string; allowed: number[] } =>
    pick([
      { body: '{"responses": [', allowed: [400] },
      { body: "{'responses': []}", allowed: [400] },
      { body: '{"responses": [],}', allowed: [400] },
      { body: "undefined", allowed: [400] },
      { body: "\uFEFF{}", allowed: [400] },
      { body: "", allowed: [400] },
      { body: "   \n", allowed: [400] },
      { body: "null", allowed: [400] },
      { body: "[]", allowed: [400] },
      { body: '"responses"', allowed: [400] },
      { body: "1e999", allowed: [400] },
      { body: `${"[".repeat(5000)}${"]".repeat(5000)}`, allowed: [400] },
      { body: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}', allowed: [400] },
      {
        body: '{"responses":[{"answers":[{"item":"x","expected":1,"perceived":1}],"comments":{"__proto__":{"polluted":"yes"}},"weights":{"__proto__":50,"constructor":50}}]}',
        allowed: [400, 422],
      },
      { body: "responses=1", type: "application/x-www-form-urlencoded", allowed: [415] },
      { body: "<responses/>", type: "application/xml", allowed: [415] },
      { body: '{"responses": []}', type: "text/plain", allowed: [415] },
      { body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), allowed: [400] },
      { body: `{"pad":"${"x".repeat(10 * 1024 * 1024 + 16)}"}`, allowed: [413] },
    ]);
  const customerAnswers = () => itemsA.map((i) => ({ item: i.id, expected: int(1, 7), perceived: int(1, 7) }));
  // The first answer, restoring the list if an earlier defect broke it (this defect then stands alone).
  const first = (r: Record<string, unknown>) => {
    if (!Array.isArray(r.answers) || typeof r.answers[0] !== "object" || r.answers[0] === null) r.answers = customerAnswers();
    return (r.answers as Record<string, unknown>[])[0];
  };
  const customerDefects: ((r: Record<string, unknown>, body: Record<string, unknown>) => void)[] = [
    (r, b) => (b[chance(0.5) ? "admin" : inject()] = true),
    (r) => (r.status = "submitted"),
    (r) => (first(r).rating = 3),
    (r) => (first(r).expected = pick([0, 8, -1, 1e308, 9007199254740993, -0.5])),
    (r) => (first(r).perceived = pick([4.5, "5", true, [], {}, "NaN", 1e308 * 10])),
    (r) => (first(r).item = pick([inject(), pick(itemsB).id, huge(200), "", 12])),
    (r) => (r.segment = chance(0.5) ? inject() : huge(101)),
    (r) => (r.language = pick(["xx", inject(), "EN", 7])),
    // Impossible days, and a time before the version was published (issue 12 item 7).
    (r) =>
      (r.submittedAt = pick([
        "2999-01-01T00:00:00Z",
        "yesterday",
        inject(),
        1e308,
        "0000-01-01T00:00:00Z",
        "2026-02-31T10:00:00Z",
        "1999-12-31T23:59:59Z",
      ])),
    // One criterion's comment by its key and by its id (issue 12 item 3).
    (r) => (r.comments = { [A.snapshot.criteria[0].key]: "slow", [A.snapshot.criteria[0].id]: "very slow" }),
    (r, b) => (b.responses = pick([[], "x", {}, [null], [1], huge(1000)])),
    (r) => (r.answers = pick([[], "x", null, {}])),
    (r) => (r.weights = pick([{ [A.snapshot.criteria[0].key]: 30 }, { [inject()]: 100 }, { x: -5 }, { x: "NaN" }, "100"])),
    (r) => (first(r).perceived = null),
    (r, b) =>
      (b.responses = [
        { ...r, id: "dup" },
        { ...r, id: "dup" },
      ]),
    (r) => (r.comments = pick([{ [inject()]: "hello" }, { [A.snapshot.criteria[0].id]: huge(2001) }, { x: 5 }, "text"])),
    (r) => delete r.answers,
    (r) => {
      const answer = first(r);
      (r.answers as unknown[]).push({ ...answer });
    },
  ];
  const customerBody = () => {
    const response: Record<string, unknown> = { answers: customerAnswers() };
    const body: Record<string, unknown> = { responses: [response] };
    if (chance(0.6)) Object.assign(response, { id: inject(), segment: pick(A.segments), comments: { [A.snapshot.criteria[0].key]: inject() } });
    const n = int(1, 3);
    for (let i = 0; i < n; i++) pick(customerDefects)(response, body);
    return body;
  };
  const repeatedCause = causeStatementsFor("management")[0].key;
  const perspectiveBody = () => {
    const response: Record<string, unknown> = { answers: itemsA.map((i) => ({ item: i.id, rating: int(1, 7) })) };
    const answers = response.answers as Record<string, unknown>[];
    pick<() => void>([
      () => (answers[0].rating = pick([0, 8, 4.5, "3", 1e308, -1])),
      () => (answers[0].item = pick([inject(), pick(itemsB).id, huge(300)])),
      () => (answers[0].expected = 3),
      () => (response.causes = [{ statement: inject(), rating: 3 }]),
      () => (response.causes = [{ statement: "x", rating: 3, extra: 1 }]),
      // One cause statement twice (issue 12 item 3); unknown for the perspectives that answer no causes.
      () =>
        (response.causes = [
          { statement: repeatedCause, rating: 3 },
          { statement: repeatedCause, rating: 4 },
        ]),
      () => (response.language = inject()),
      () => (response.answers = []),
    ])();
    if (chance(0.5)) response.id = inject();
    return { responses: [response] };
  };
  const studyDefects: ((s: Record<string, unknown>) => void)[] = [
    (s) => (s[pick(["admin", "workspaceId", "id", inject()])] = pick([true, "x", 1])),
    (s) => (s.scale = pick([6, "7", 1e308, -7, null, 7.5])),
    (s) => (s.languages = pick([["xx"], [], "en", ["en", "en"], [inject()]])),
    (s) => (s.name = pick(["", "   ", huge(201), 123, null, ["x"]])),
    (s) => delete s.provider,
    (s) => (s.industry = inject()),
    (s) => (s.framework = pick(["x", inject(), 1])),
    (s) => (s.seed = pick([-1, 1e308, 2 ** 31, 1.5, "7"])),
    (s) => (s.askImportance = pick(["yes", 1, null])),
    (s) => (s.segments = pick(["a", [""], Array.from({ length: 101 }, (_, i) => `s${i}`), [huge(101)], [5]])),
    (s) => (s.criteria = pick([[], "x", Array.from({ length: 13 }, (_, i) => ({ key: `c${i}`, name: { en: "C" }, weight: 100 / 13 }))])),
    (s) =>
      (s.criteria = [
        { key: "a", name: { en: inject() }, weight: 50 },
        { key: "b", name: { en: inject() }, weight: 49 },
      ]),
    (s) => (s.criteria = [{ key: pick(["bad key!", inject(), "", huge(41)]), name: { en: "A" }, weight: 100 }]),
    (s) => (s.criteria = [{ key: "a", name: { en: "A", fr: "B" }, weight: 100 }]),
    (s) => (s.criteria = [{ key: "a", name: { en: "A" }, weight: 100, items: [{ text: { en: huge(501) } }] }]),
    (s) => (s.criteria = [{ key: "a", name: { en: "A" }, weight: 100, items: Array.from({ length: 6 }, () => ({ text: { en: inject() } })) }]),
    (s) => (s.criteria = [{ key: "a", name: { en: "A" }, weight: 100, items: [{ text: { en: "x" }, evil: 1 }] }]),
    (s) =>
      (s.criteria = [
        { key: "a", name: { en: "A" }, weight: 50 },
        { key: "a", name: { en: "B" }, weight: 50 },
      ]),
  ];
  const studyBody = () => {
    const study: Record<string, unknown> = { name: inject(), provider: inject(), segments: [inject(), inject()] };
    const n = int(1, 2);
    for (let i = 0; i < n; i++) pick(studyDefects)(study);
    return study;
  };
  const apiCase = (
    name: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    allowed: number[],
    body?: string | Buffer,
  ): BadCase => ({
    family: "api",
    name,
    method,
    path,
    headers: { "x-forwarded-for": address(), ...headers },
    body,
    allowed: [...allowed, 429],
  });
  const json = { "content-type": "application/json" };
  const api: (() => BadCase)[] = [
    () => {
      const who = pick(["bad", "analyst", "other", "manager"] as const);
      return apiCase(
        "list studies",
        "GET",
        `/api/v1/studies?${encodeSegment(inject())}=${encodeSegment(inject())}`,
        auth(who),
        who === "bad" ? [401] : [200],
      );
    },
    () => {
      const who = pick(["bad", "analyst", "manager", "manager", "manager"] as const);
      if (who !== "manager")
        return apiCase(
          "create study, no right",
          "POST",
          "/api/v1/studies",
          { ...json, ...auth(who) },
          who === "bad" ? [401] : [403],
          jsonBody(studyBody()),
        );
      if (chance(0.25)) {
        const raw = rawJsonDefect();
        return apiCase(
          "create study, raw body",
          "POST",
          "/api/v1/studies",
          { "content-type": raw.type ?? "application/json", ...auth("manager") },
          raw.allowed,
          raw.body,
        );
      }
      return apiCase("create study, invalid", "POST", "/api/v1/studies", { ...json, ...auth("manager") }, [400], jsonBody(studyBody()));
    },
    () => {
      const who = pick(["bad", "analyst", "other", "manager"] as const);
      const own = who === "analyst" || who === "manager";
      const id = own && chance(0.3) ? A.id : badId();
      const readable = (own && id === A.id) || (who === "other" && id === f.studyB.id);
      return apiCase("get study", "GET", `/api/v1/studies/${id}`, auth(who), who === "bad" ? [401, 400] : readable ? [200] : [404, 400]);
    },
    () => {
      const who = pick(["bad", "analyst", "other", "manager"] as const);
      if (who === "manager") {
        const id = pick([f.draftA, f.studyB.id, badId()]);
        return apiCase(
          "publish",
          "POST",
          `/api/v1/studies/${id}/versions`,
          { ...json, ...auth(who) },
          id === f.draftA ? [422] : [404, 400],
          jsonBody({ force: true }),
        );
      }
      return apiCase(
        "publish, no right",
        "POST",
        `/api/v1/studies/${chance(0.5) ? A.id : f.draftA}/versions`,
        auth(who),
        who === "bad" ? [401] : who === "analyst" ? [403] : [404],
      );
    },
    () => {
      const who = pick(["bad", "analyst", "other", "manager", "manager", "manager"] as const);
      const path = `/api/v1/studies/${A.id}/responses`;
      if (who !== "manager")
        return apiCase(
          "responses, no right",
          "POST",
          path,
          { ...json, ...auth(who) },
          who === "bad" ? [401] : who === "analyst" ? [403] : [404],
          jsonBody(customerBody()),
        );
      if (chance(0.15))
        return apiCase(
          "responses, valid shape to a draft",
          "POST",
          `/api/v1/studies/${f.draftA}/responses`,
          { ...json, ...auth(who) },
          [409, 400],
          jsonBody({ responses: [{ answers: [{ item: "x", expected: 1, perceived: 1 }] }] }),
        );
      if (chance(0.25)) {
        const raw = rawJsonDefect();
        return apiCase("responses, raw body", "POST", path, { "content-type": raw.type ?? "application/json", ...auth(who) }, raw.allowed, raw.body);
      }
      return apiCase("responses, invalid", "POST", path, { ...json, ...auth(who) }, [400, 422], jsonBody(customerBody()));
    },
    () => {
      const who = pick(["bad", "analyst", "manager", "manager"] as const);
      const perspective = chance(0.7) ? pick(perspectives) : encodeSegment(inject());
      const known = (perspectives as readonly string[]).includes(perspective);
      const path = `/api/v1/studies/${A.id}/perspectives/${perspective}/responses`;
      const allowed = who === "bad" ? [401] : who === "analyst" ? [403] : known ? [400, 422] : [404, 400];
      return apiCase("perspective responses", "POST", path, { ...json, ...auth(who) }, allowed, jsonBody(perspectiveBody()));
    },
    () => {
      const query = pick([
        `version=${encodeSegment(pick(["abc", "-1", "0", "1.5", "1e400", "99999999999999999999", inject()]))}`,
        `from=${encodeSegment(pick(["2026-13-45", "notadate", inject(), "0000-00-00"]))}`,
        "from=2026-05-01&to=2026-01-01",
        `segment=${encodeSegment(huge(101))}`,
        `version=999`,
      ]);
      const who = pick(["bad", "analyst", "manager"] as const);
      return apiCase("results, bad filter", "GET", `/api/v1/studies/${A.id}/results?${query}`, auth(who), who === "bad" ? [401] : [400, 404]);
    },
    () => {
      const format = pick(["bogus", "xlsx'", "LONG", "../../etc/passwd", inject(), "csv", ""]);
      const who = pick(["bad", "analyst", "manager", "other"] as const);
      const allowed = who === "bad" ? [401] : who === "other" ? [404] : [400];
      return apiCase("export, bad format", "GET", `/api/v1/studies/${A.id}/export?format=${encodeSegment(format)}`, auth(who), allowed);
    },
    () =>
      chance(0.5)
        ? apiCase("openapi, odd query", "GET", `/api/v1/openapi.json?${encodeSegment(inject())}=1`, auth("bad"), [200])
        : apiCase("openapi, wrong method", pick(["POST", "PUT", "DELETE"]), "/api/v1/openapi.json", json, [405], "{}"),
    () =>
      apiCase(
        "unknown endpoint",
        pick(["GET", "POST", "PUT", "DELETE", "PATCH"]),
        `/api/v1/${encodeSegment(inject())}/${badId()}`,
        auth(pick(["bad", "manager"] as const)),
        [401, 404, 400],
      ),
    () =>
      apiCase(
        "wrong method",
        pick(["PUT", "DELETE", "PATCH"]),
        pick(["/api/v1/studies", `/api/v1/studies/${A.id}`, `/api/v1/studies/${A.id}/results`]),
        { ...json, ...auth("manager") },
        [405],
        "{}",
      ),
  ];
  return api;
}
