// The q evaluator: case-insensitive exact matches, wildcards, inclusive ranges on text, numbers and dates.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../src/q/evaluate.js";
import { parseQuery } from "../../src/q/parse.js";
import { QueryError } from "../../src/q/query-error.js";

const properties = new Set(["created", "contact.email", "contact.surname", "contact.address.postal_code", "n"]);
const records = [
  {
    id: 1,
    n: 5,
    created: "2024-03-05T10:00:00+01:00",
    contact: { surname: "Meier", email: "a@example.com", address: { postal_code: "01234" } },
  },
  {
    id: 2,
    n: 12,
    created: "2024-12-31T22:00:00+00:00",
    contact: { surname: "Mustermann", email: "B@Example.com", address: { postal_code: "10115" } },
  },
  { id: 3, n: 100, created: "2025-01-01T00:00:00+00:00", contact: { surname: "Jansen", email: "c+tag@example.com" } },
];
const ids = (q: string) => records.filter(compileQuery(parseQuery(q), properties)).map((record) => record.id);

describe("evaluation", () => {
  it("matches whole values, case-insensitively, after URL-decoding", () => {
    expect(ids("contact.email:b%40example.com")).toEqual([2]);
    expect(ids("contact.email:c%2Btag%40example.com")).toEqual([3]);
    expect(ids("contact.surname:MEIER")).toEqual([1]);
    expect(ids("contact.surname:Meie")).toEqual([]);
  });

  it("wildcards: * any run, ? one character", () => {
    expect(ids("contact.surname:m*")).toEqual([1, 2]);
    expect(ids("contact.surname:J?nsen")).toEqual([3]);
    expect(ids("contact.surname:J?sen")).toEqual([]);
  });

  it("ranges include both ends; open ends; numbers as numbers; a date alone covers its whole day", () => {
    expect(ids("n:[5 TO 12]")).toEqual([1, 2]);
    expect(ids("n:[10 TO *]")).toEqual([2, 3]);
    expect(ids("contact.surname:[a TO mf]")).toEqual([1, 3]);
    expect(ids("created:[2024-01-01 TO 2024-12-31]")).toEqual([1, 2]);
    expect(ids("created:[2025-01-01 TO *]")).toEqual([3]);
    expect(ids("contact.address.postal_code:[01000 TO 02000]")).toEqual([1]);
  });

  it("combines with AND, OR, NOT; a missing value matches no clause", () => {
    expect(ids("(NOT contact.surname:meier*) AND (contact.email:b* OR contact.email:c*)")).toEqual([2, 3]);
    expect(ids("NOT contact.address.postal_code:*")).toEqual([3]);
  });

  it("an unknown property is an error at its position", () => {
    expect(() => ids("n:1 OR contact.shoe_size:44")).toThrow(new QueryError('unknown property "contact.shoe_size"', 8));
  });
});
