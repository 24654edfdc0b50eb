// Bad input never produces a 500 or a hang: every case answers a 4xx within the request's time limit.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";

const customers = "/api/v2/Payment/Customers";
const auth = { authorization: "Bearer 8ua9bnrg9gmd1t3rcoaqm1d2o2" };
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
    ["missing auth", customers, {}, 401],
    ["Basic instead of Bearer", customers, { headers: { authorization: "Basic ZGVtbzpkZW1v" } }, 401],
    ["Bearer without a token", customers, { headers: { authorization: "Bearer" } }, 401],
    ["garbage auth", customers, { headers: { authorization: "%%% not a token" } }, 401],
    ["malformed JSON", customers, { method: "POST", headers: json, body: '{"contact":' }, 400],
    ["no body", customers, { method: "POST", headers: json }, 422],
    ["an array body", customers, { method: "POST", headers: json, body: "[]" }, 422],
    ["a wrong type", customers, { method: "POST", headers: json, body: withContact({ forename: 42 }) }, 422],
    [
      "an over-long string",
      customers,
      { method: "POST", headers: json, body: withContact({ surname: "x".repeat(256) }) },
      422,
    ],
    ["an unknown property", customers, { method: "POST", headers: json, body: withContact({ shoe_size: 44 }) }, 422],
    ["a text body", customers, { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "hi" }, 415],
    ["a malformed id", `${customers}/not-an-id`, { headers: auth }, 422],
    ["a malformed id on delete", `${customers}/PCU_1`, { method: "DELETE", headers: auth }, 422],
    ["a wrong query type", `${customers}?count=abc`, { headers: auth }, 422],
    ["an over-long query", `${customers}?q=${"a".repeat(3000)}`, { headers: auth }, 422],
    ["an unknown path", "/api/v2/Payment/Nothing", { headers: auth }, 404],
    ["an unknown method", customers, { method: "PATCH", headers: auth }, 405],
    ["a token request without a body", "/oauth/token", { method: "POST" }, 422],
    [
      "an unknown grant",
      "/oauth/token",
      { method: "POST", body: new URLSearchParams({ grant_type: "password" }) },
      422,
    ],
    ["a malformed Prefer header", customers, { headers: { ...auth, prefer: "code=abc" } }, 422],
    ["an undocumented Prefer code", customers, { headers: { ...auth, prefer: "code=418" } }, 404],
  ] satisfies [string, string, RequestInit, number][]
).map(([name, path, init, status]) => ({ name, path, init, status }));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

it.each(cases)("$name answers $status", async ({ path, init, status }) => {
  const answer = await fetch(`${mock.url}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
  await answer.arrayBuffer();
  expect(answer.status).toBe(status);
});
