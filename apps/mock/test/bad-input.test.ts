// Bad input never produces a 500 or a hang, in the sandbox and the static mode: every case answers a 4xx within the
// request's time limit, in the API's shapes: a ProductExceptionPayload from /api/v2 (400 for invalid input, 401 for
// an unusable token), a plain OAuth error from /oauth/token. What the API would accept (an unknown field, dropped)
// is carried out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOptions, type MockServer, startMock } from "../dist/index.js";

const customers = "/api/v2/Payment/Customers";
const placeholder = "Bearer 8ua9bnrg9gmd1t3rcoaqm1d2o2"; // replaced by a token of the mock under test
const auth = { authorization: placeholder };
const json = { ...auth, "content-type": "application/json" };
const contact = {
  forename: "Max",
  surname: "Mustermann",
  email: "max.mustermann@example.com",
  address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
};
const withContact = (change: object) => JSON.stringify({ contact: { ...contact, ...change } });

const cases = (
  [
    ["missing auth", customers, {}, "auth"],
    ["Basic instead of Bearer", customers, { headers: { authorization: "Basic ZGVtbzpkZW1v" } }, "auth"],
    ["Bearer without a token", customers, { headers: { authorization: "Bearer" } }, "auth"],
    ["garbage auth", customers, { headers: { authorization: "%%% not a token" } }, "auth"],
    ["malformed JSON", customers, { method: "POST", headers: json, body: '{"contact":' }, 400],
    ["no body", customers, { method: "POST", headers: json }, 400],
    ["an array body", customers, { method: "POST", headers: json, body: "[]" }, 400],
    ["a wrong type", customers, { method: "POST", headers: json, body: withContact({ forename: 42 }) }, 400],
    [
      "an over-long string",
      customers,
      { method: "POST", headers: json, body: withContact({ surname: "x".repeat(256) }) },
      400,
    ],
    ["an unknown property", customers, { method: "POST", headers: json, body: withContact({ shoe_size: 44 }) }, 200],
    [
      "an unknown property, not ASCII",
      customers,
      { method: "POST", headers: json, body: withContact({ größe: 44 }) },
      200,
    ],
    ["a text body", customers, { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "hi" }, 400],
    ["a malformed id", `${customers}/not-an-id`, { headers: auth }, 400],
    ["a malformed id on delete", `${customers}/PCU_1`, { method: "DELETE", headers: auth }, 400],
    ["a path that is not valid percent-encoding", `${customers}/%ZZ`, { headers: auth }, 400],
    ["a wrong query type", `${customers}?count=abc`, { headers: auth }, 400],
    ["an over-long query", `${customers}?q=${"a".repeat(3000)}`, { headers: auth }, 400],
    ["an unknown path", "/api/v2/Payment/Nothing", { headers: auth }, 404],
    ["an unknown method", customers, { method: "PATCH", headers: auth }, 405],
    ["a token request without a body", "/oauth/token", { method: "POST" }, 400],
    [
      "an unknown grant",
      "/oauth/token",
      { method: "POST", body: new URLSearchParams({ grant_type: "password" }) },
      400,
    ],
    [
      "a token request as plain text",
      "/oauth/token",
      { method: "POST", headers: { "content-type": "text/plain" }, body: "x" },
      400,
    ],
    ["a malformed Prefer header", customers, { headers: { ...auth, prefer: "code=abc" } }, 400],
    ["a Prefer naming no example", customers, { headers: { ...auth, prefer: "code=404, example=notFoun" } }, 400],
    ["an undocumented Prefer code", customers, { headers: { ...auth, prefer: "code=418" } }, 404],
  ] satisfies [string, string, RequestInit, number | "auth"][]
).map(([name, path, init, status]) => ({ name, path, init, status }));

// Only the sandbox reads q, sort and fields: what it cannot use is a 400 ProductFormatException.
const sandboxCases = [
  ["a q with an unbalanced parenthesis", "(contact.surname:Muster"],
  ["a q with an unknown property", "contact.shoe_size:44"],
  ["a q that is only an operator", "AND"],
  ["a q with a broken range", "created:[2024 TO"],
  ["a q with an unterminated quote", 'contact.surname:"Muster'],
].map(([name, q]) => ({
  name,
  path: `${customers}?q=${encodeURIComponent(q ?? "")}`,
  init: { headers: auth },
  status: 400,
}));
sandboxCases.push(
  {
    name: "a sort by an unknown property",
    path: `${customers}?sort=shoe_size:asc`,
    init: { headers: auth },
    status: 400,
  },
  {
    name: "fields naming an unknown property",
    path: `${customers}?fields=contact.shoe_size`,
    init: { headers: auth },
    status: 400,
  },
);

describe.each([
  { mode: "sandbox", unauthorised: 401, extra: sandboxCases },
  { mode: "static", unauthorised: 401, extra: [] },
] satisfies { mode: MockOptions["mode"]; unauthorised: number; extra: typeof sandboxCases }[])(
  "$mode",
  ({ mode, unauthorised, extra }) => {
    let mock: MockServer;
    let token = placeholder;
    beforeAll(async () => {
      mock = await startMock({ port: 0, mode });
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "bad-input",
        client_secret: "s",
      });
      const answer = await fetch(`${mock.url}/oauth/token`, { method: "POST", body });
      token = `Bearer ${((await answer.json()) as { access_token: string }).access_token}`;
    });
    afterAll(() => mock?.close());

    it.each([...cases, ...extra])("$name answers $status", async ({ path, init, status }) => {
      const headers = Object.fromEntries(
        Object.entries(((init as RequestInit).headers ?? {}) as Record<string, string>).map(([name, value]) => [
          name,
          value === placeholder ? token : value,
        ]),
      );
      const answer = await fetch(`${mock.url}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) });
      const text = await answer.text();
      expect(answer.status, text).toBe(status === "auth" ? unauthorised : status);
      expect(answer.headers.get("content-type")).toBe("application/json; charset=UTF-8");
      if (answer.status < 400) return;
      if (path === "/oauth/token") {
        expect(JSON.parse(text)).toEqual({ error: expect.any(String), error_description: expect.any(String) });
        return;
      }
      const body = JSON.parse(text);
      expect(body).toMatchObject({ status: "error", error: expect.stringMatching(/^Product\w+Exception$/) });
      expect(body.supportId).toMatch(/^[0-9a-f]{32}$/);
      if (answer.status === 400) expect(body.error).toBe("ProductFormatException");
    });
  },
);
