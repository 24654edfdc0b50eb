import { describe, expect, it } from "vitest";
import { PaymentCustomersError, type QueryPath, type QueryValue, query } from "../src/index.js";

describe("query", () => {
  it("eq encodes the value once, as the official demos do", () => {
    expect(query.eq("contact.email", "max.mustermann@example.com")).toBe("contact.email:max.mustermann%40example.com");
    expect(query.eq("contact.address.postal_code", "01234")).toBe("contact.address.postal_code:01234");
    expect(query.eq("contact.address.street", "Musterstraße 1")).toBe("contact.address.street:Musterstra%C3%9Fe%201");
  });

  it("eq neutralises wildcards and the syntax characters of q", () => {
    expect(query.eq("contact.surname", "M*er?")).toBe("contact.surname:M%2Aer%3F");
    expect(query.eq("contact.companyname", "A (B) & C! 'D' OR x:y")).toBe(
      "contact.companyname:A%20%28B%29%20%26%20C%21%20%27D%27%20OR%20x%3Ay",
    );
  });

  it("like keeps * and ? as wildcards and encodes the rest", () => {
    expect(query.like("contact.surname", "meier*")).toBe("contact.surname:meier*");
    expect(query.like("contact.forename", "J??n")).toBe("contact.forename:J??n");
    expect(query.like("contact.email", "*@example.com")).toBe("contact.email:*%40example.com");
    expect(query.like("contact.companyname", "Muster (*) GmbH")).toBe("contact.companyname:Muster%20%28*%29%20GmbH");
  });

  it("range writes [from TO to], an end left out is open", () => {
    expect(query.range("created", "2024-01-01", "2024-12-31")).toBe("created:[2024-01-01 TO 2024-12-31]");
    expect(query.range("updated", "2024-01-01T00:00:00+01:00")).toBe(
      "updated:[2024-01-01T00%3A00%3A00%2B01%3A00 TO *]",
    );
    expect(query.range("contact.address.postal_code", undefined, 10000)).toBe(
      "contact.address.postal_code:[* TO 10000]",
    );
  });

  // A range bound stands alone: a keyword there must be quoted, or the sandbox (and the API) read `[TO TO *]` as
  // syntax. After `path:` a keyword is just text.
  it("quotes a range bound that is a keyword; keywords elsewhere stay as they are", () => {
    expect(query.range("created", "TO")).toBe('created:["TO" TO *]');
    expect(query.range("contact.surname", "AND", "NOT")).toBe('contact.surname:["AND" TO "NOT"]');
    expect(query.range("contact.surname", undefined, "OR")).toBe('contact.surname:[* TO "OR"]');
    expect(query.range("contact.surname", "to", "TOO")).toBe("contact.surname:[to TO TOO]");
    expect(query.range("contact.surname", "*", "T O")).toBe("contact.surname:[%2A TO T%20O]");
    expect(query.eq("contact.surname", "TO")).toBe("contact.surname:TO");
    expect(query.like("contact.surname", "AND*")).toBe("contact.surname:AND*");
  });

  it("refuses an empty value (the API refuses one) with a validation error", () => {
    for (const build of [
      () => query.eq("contact.surname", ""),
      () => query.like("contact.surname", ""),
      () => query.range("created", "", "2024-01-01"),
      () => query.range("created", undefined, ""),
    ]) {
      expect(build).toThrow(PaymentCustomersError);
      expect(build).toThrow(/empty/);
    }
  });

  it("and, or and not combine, with parentheses around compound operands", () => {
    const surname = query.not(query.like("contact.surname", "meier*"));
    const forename = query.or(query.like("contact.forename", "J??n"), query.eq("contact.forename", "Max"));
    // The reference's example, built instead of written.
    expect(query.and(surname, forename)).toBe(
      "(NOT contact.surname:meier*) AND (contact.forename:J??n OR contact.forename:Max)",
    );
    expect(query.not(query.and(query.eq("id", "PCU_1"), query.eq("id", "PCU_2")))).toBe("NOT (id:PCU_1 AND id:PCU_2)");
    expect(query.and(query.eq("contact.address.city", "Dresden"))).toBe("contact.address.city:Dresden");
    expect(query.or(query.range("created", 1, 2), query.eq("id", "x"))).toBe("created:[1 TO 2] OR id:x");
  });

  it("refuses a property path that is not one (for callers without types)", () => {
    expect(() => query.eq("contact.email:x OR id" as QueryPath, "y")).toThrow(PaymentCustomersError);
    expect(() => query.eq("" as QueryPath, "y")).toThrow(/Not a property path/);
  });

  // Untyped callers' values never become text ("undefined") or a raw URIError.
  it("refuses undefined, null, non-finite and ill-formed values, and null or undefined paths, with a validation error", () => {
    const refused = (build: () => unknown) => {
      let caught: unknown;
      try {
        build();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PaymentCustomersError);
      expect(caught).toMatchObject({ kind: "validation" });
    };
    for (const value of [undefined, null, Number.NaN, Number.POSITIVE_INFINITY, "\uD800", "a\uDC00b", {}]) {
      refused(() => query.eq("contact.email", value as QueryValue));
      refused(() => query.like("contact.surname", value as string));
    }
    refused(() => query.range("created", null as unknown as QueryValue));
    refused(() => query.range("created", "2024", "\uDFFF"));
    for (const path of [undefined, null]) refused(() => query.eq(path as unknown as QueryPath, "x"));
    expect(query.eq("contact.surname", "😀")).toBe("contact.surname:%F0%9F%98%80");
  });
});
