// The store's prepared sort keys order values exactly as the q evaluator's compareValues, and a bounded page of a
// sort is the same as the page of a full sort.
import fc from "fast-check";
import { expect, it } from "vitest";
import { compareValues } from "../../src/q/value-at.js";
import { compareKeys, sortKey } from "../../src/sandbox/sort-key.js";
import { createStore } from "../../src/sandbox/store.js";

const value = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => n.toFixed(2)),
  fc
    .date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2100-01-01") })
    .map((d) => d.toISOString()),
  fc.constantFrom("2024-02-30", "2024-01-01", "2024-01-01T10:00:00+01:00", "Mustermann", "mustermann", "ß"),
);

it("compareKeys agrees with compareValues in sign", () => {
  fc.assert(
    fc.property(value, value, (a, b) => {
      expect(Math.sign(compareKeys(sortKey(a), sortKey(b)))).toBe(Math.sign(compareValues(a, b)));
    }),
  );
});

it("a sorted page equals the same page of the whole sorted list", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom("a", "B", "b", "c", "10", "9"), { maxLength: 30 }),
      fc.boolean(),
      fc.nat(10),
      fc.integer({ min: 0, max: 10 }),
      (names, descending, offset, count) => {
        const store = createStore({
          m: names.map((name, i) => ({ id: `PCU_${String(i).padStart(30, "0")}`, contact: { surname: name } })),
        });
        const sort = [{ path: "contact.surname", descending }];
        const all = store.query("m", { sort }).items;
        expect(store.query("m", { sort, offset, count }).items).toEqual(all.slice(offset, offset + count));
      },
    ),
  );
});
