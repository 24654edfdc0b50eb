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

describe("case folding: one fold for values and patterns, whatever the pattern's shape", () => {
  const people = [
    { id: 1, contact: { surname: "ẞtraße" } },
    { id: 2, contact: { surname: "Strasse" } },
    { id: 3, contact: { surname: "ΟΔΟΣ" } },
    { id: 4, contact: { surname: "İstanbul" } },
  ];
  const found = (q: string) => people.filter(compileQuery(parseQuery(q), properties)).map((person) => person.id);
  it.each([
    ["contact.surname:ẞtraß?", [1]],
    ["contact.surname:ßTRAßE", [1]],
    ["contact.surname:ẞTRAẞE", [1]],
    ["contact.surname:*traß*", [1]],
    ["contact.surname:?traße", [1]],
    ["contact.surname:ßtra?e", [1]],
    ["contact.surname:stra?e", []],
    ["contact.surname:strasse", [2]],
    ["contact.surname:οδος", [3]],
    ["contact.surname:οδο?", [3]],
    ["contact.surname:οδοσ*", [3]],
    ["contact.surname:?stanbul", [4]],
  ])("%s", (q, expected) => {
    expect(found(q)).toEqual(expected);
  });
});

describe("? is one character (code point)", () => {
  const people = [
    { id: 1, contact: { surname: "😀x" } },
    { id: 2, contact: { surname: "a😀b" } },
  ];
  const found = (q: string) => people.filter(compileQuery(parseQuery(q), properties)).map((person) => person.id);
  it("an emoji is one character", () => {
    expect(found("contact.surname:?x")).toEqual([1]);
    expect(found("contact.surname:??x")).toEqual([]);
    expect(found("contact.surname:a?b")).toEqual([2]);
    expect(found("contact.surname:*?b")).toEqual([2]);
    expect(found("contact.surname:??")).toEqual([1]);
  });
});

describe("dates in ranges", () => {
  const dobs = ["1990-01-01T00:00:00+01:00", "1990-01-01T00:00:00+00:00", "1990-01-01", "1990-01-02T00:00:00+01:00"];
  const people = dobs.map((dob, index) => ({ id: index + 1, contact: { dob } }));
  const found = (q: string) =>
    people.filter(compileQuery(parseQuery(q), new Set(["contact.dob"]))).map((person) => person.id);

  it("a date alone is its calendar day, as the value writes it: a birth date is in a range of its own day", () => {
    expect(found("contact.dob:[1990-01-01 TO 1990-01-01]")).toEqual([1, 2, 3]);
    expect(found("contact.dob:[1990-01-02 TO *]")).toEqual([4]);
    expect(found("contact.dob:[* TO 1989-12-31]")).toEqual([]);
  });

  it("a date with a time compares instants", () => {
    expect(found("contact.dob:[1990-01-01T00:00:00Z TO *]")).toEqual([2, 3, 4]);
    expect(found("contact.dob:[* TO 1989-12-31T23:00:00Z]")).toEqual([1]);
  });

  it.each(["2024-02-30", "2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-01T10:61"])(
    "refuses the impossible date %s (never rolled over to the next month)",
    (date) => {
      expect(() => found(`contact.dob:[${date} TO *]`)).toThrow(/is not a date/);
      expect(() => found(`contact.dob:[* TO ${date}]`)).toThrow(QueryError);
    },
  );

  it("takes a leap day", () => {
    expect(found("contact.dob:[2024-02-29 TO *]")).toEqual([]);
  });
});
