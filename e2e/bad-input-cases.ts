import { apiCases } from "./bad-input-api";
import { makeGen, type BadCase, type Fixture } from "./bad-input-gen";
import { otherCases } from "./bad-input-other";
import { surveyCases } from "./bad-input-survey";

export { injections, reflectedMarkup, type BadCase, type Fixture } from "./bad-input-gen";

/** `count` cases from `seed`: every family once first (so even a small run covers every route), then by weight. */
export function generateCases(count: number, seed: number, f: Fixture): BadCase[] {
  const g = makeGen(seed, f);
  const api = apiCases(g);
  const { survey, surveyGet, internal } = surveyCases(g);
  const { locale, health, actionCase, managerRoute } = otherCases(g);
  const families: [() => BadCase, number][] = [
    ...api.map((make) => [make, 3.2] as [() => BadCase, number]),
    [survey, 28],
    [surveyGet, 5],
    [internal, 13],
    [locale, 4],
    [health, 2],
    [actionCase, 10],
    [managerRoute, 6],
  ];
  const total = families.reduce((s, [, w]) => s + w, 0);
  const cases: BadCase[] = [];
  for (const [make] of families) if (cases.length < count) cases.push(make());
  while (cases.length < count) {
    let r = g.random() * total;
    const found = families.find(([, w]) => (r -= w) < 0) ?? families[0];
    cases.push(found[0]());
  }
  return cases;
}
