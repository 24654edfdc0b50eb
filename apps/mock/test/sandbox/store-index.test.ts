// The store's index answers a search's literal and prefix clauses alone and hands only the rest to the predicate,
// on the candidates: the same matches, in the same order, as the predicate over every customer.
import fc from "fast-check";
import { expect, it } from "vitest";
import { runs } from "../../../../vitest.fast-check.mjs";
import type { QueryNode } from "../../src/q/ast.js";
import { compileQuery } from "../../src/q/evaluate.js";
import { parseQuery } from "../../src/q/parse.js";
import { createStore, type StoredCustomer } from "../../src/sandbox/store.js";

const properties = new Set(["contact.surname", "contact.address.city", "contact.forename"]);
const surnames = ["Mustermann", "Musterfrau", "Meier", "STRAẞE", "straße", "ΣΟΦΟΣ", "σοφος", "İnce", "ince"];
const cities = ["Dresden", "Berlin", "DRESDEN"];
const customer = (i: number): StoredCustomer => ({
  id: `PCU_${String(i).padStart(30, "0")}`,
  contact: {
    forename: i % 2 ? "Max" : "Erika",
    surname: surnames[i % surnames.length],
    address: { city: cities[i % cities.length] },
  },
});

it("checks only what the index leaves, on the candidates the index narrowed to", () => {
  const store = createStore({ shop: Array.from({ length: 90 }, (_, i) => customer(i)) });
  const compiled: QueryNode[] = [];
  let checked = 0;
  const compile = (node: QueryNode) => {
    compiled.push(node);
    const predicate = compileQuery(node, properties);
    return (record: StoredCustomer) => {
      checked++;
      return predicate(record);
    };
  };
  // Mustermann or Musterfrau (2 of 9) and a Dresden of either case (2 of 3): 10 of 90, half of them Erika, whom
  // the index takes away: nothing is left to check.
  const typical = parseQuery("contact.surname:muster* AND contact.address.city:Dresden AND NOT contact.forename:Erika");
  const { total, items } = store.query("shop", { search: typical, compile, count: 3 });
  expect([compiled, checked]).toEqual([[], 0]);
  expect(total).toBe(5);
  expect(items.map((item) => item.id)).toEqual([customer(9), customer(27), customer(45)].map((c) => c.id));

  // A `?` is for the predicate, on the 10 Muster* whose forename starts with M (Max) only.
  const search = parseQuery("contact.surname:muster* AND contact.forename:M?x");
  expect(store.query("shop", { search, compile }).total).toBe(10);
  expect([compiled, checked]).toEqual([[(search as { right: QueryNode }).right], 10]);
});

const literal = fc.constantFrom("muster", "MUSTER", "straße", "STRASSE", "strae", "σοφοσ", "ΣΟΦΟς", "i", "İ", "d", "");
const clause = fc
  .tuple(
    fc.constantFrom("contact.surname", "contact.address.city", "contact.forename"),
    literal,
    fc.constantFrom("", "*", "**", "?", "*n", "*e*"),
  )
  .filter(([, text, tail]) => text + tail !== "")
  .map(([path, text, tail]) => `${path}:${text}${tail}`);
const search: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    clause,
    fc.tuple(tie("q"), fc.constantFrom("AND", "OR"), tie("q")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie("q").map((q) => `NOT (${q})`),
  ),
})).q;

it("answers every search as the predicate over all customers does (fast-check)", () => {
  const store = createStore({ shop: Array.from({ length: 60 }, (_, i) => customer(i)) });
  // A replace keeps the customer's place in creation order but moves it to the end of its index lists.
  for (const i of [3, 12, 40]) store.replace("shop", customer(i));
  const all = store.query("shop").items;
  fc.assert(
    fc.property(search, fc.nat(5), (q, offset) => {
      const node = parseQuery(q);
      const predicate = compileQuery(node, properties);
      const expected = all.filter((record) => predicate(record));
      const compile = (rest: QueryNode) => compileQuery(rest, properties);
      const { total, items } = store.query("shop", { search: node, compile, offset, count: 7 });
      expect(total).toBe(expected.length);
      expect(items).toEqual(expected.slice(offset, offset + 7));
      const sort = [{ path: "contact.surname", descending: true }];
      const sorted = store.query("shop", { search: node, compile, sort, count: 7 });
      expect(sorted.total).toBe(expected.length);
    }),
    { numRuns: runs(300) },
  );
});
