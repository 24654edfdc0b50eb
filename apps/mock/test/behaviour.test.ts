// What the static and dynamic modes answer: token, auth, validation (400), Prefer, static and seeded dynamic examples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";

const customerPath = "/api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";
const auth = { authorization: "Bearer 8ua9bnrg9gmd1t3rcoaqm1d2o2" };
const person = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
};

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: "static" });
});
afterAll(() => mock.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${mock.url}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });

describe("the token endpoint", () => {
  it("issues a real token for form-encoded client credentials, not the example's", async () => {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" });
    const answer = await call("/oauth/token", { method: "POST", body });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      access_token: expect.stringMatching(/^(?!8ua9bnrg9gmd1t3rcoaqm1d2o2$)[a-z0-9]{26}$/),
      expires_in: 1200,
      token_type: "bearer",
      scope: "https://scope.secucard.com/e/api",
    });
  });

  it("accepts JSON too", async () => {
    const body = JSON.stringify({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" });
    const answer = await call("/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token_type: "bearer" });
  });

  it("answers the documented OAuth error on Prefer: code=400", async () => {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" });
    const headers = { prefer: "code=400, example=unsupportedGrantType" };
    const answer = await call("/oauth/token", { method: "POST", headers, body });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "unsupported_grant_type" });
  });
});

describe("authentication", () => {
  it("answers 401 with the documented ProductExceptionPayload without a bearer token", async () => {
    const answer = await call("/api/v2/Payment/Customers");
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ status: "error", error: "ProductNotAllowedException", code: 2003 });
  });

  it("checks the token before the body", async () => {
    const answer = await call("/api/v2/Payment/Customers", { method: "POST", body: "{}" });
    expect(answer.status).toBe(401);
  });
});

describe("validation", () => {
  it("answers the API's 400 ProductFormatException naming the broken rule for an invalid body", async () => {
    const body = JSON.stringify({ contact: { ...person.contact, forename: 42 } });
    const answer = await call("/api/v2/Payment/Customers", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(await answer.json()).toMatchObject({
      status: "error",
      error: "ProductFormatException",
      error_details: "body.contact.forename: Request body property contact.forename must be string",
      supportId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it("carries out a create the API would accept (no e-mail) with a Warning, and refuses it when strict", async () => {
    const body = JSON.stringify({ contact: { ...person.contact, email: undefined } });
    const init = { method: "POST", headers: { ...auth, "content-type": "application/json" }, body };
    const answer = await call("/api/v2/Payment/Customers", init);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("warning")).toBe(
      '199 payment-customers-mock "contact.email is missing (the spec requires it in requests)"',
    );
    const strict = await startMock({ port: 0, mode: "static", strict: true, docs: false });
    try {
      const refused = await fetch(`${strict.url}/api/v2/Payment/Customers`, init);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: "ProductFormatException" });
    } finally {
      await strict.close();
    }
  });

  it("accepts any case of Bearer", async () => {
    const answer = await call(customerPath, { headers: { authorization: "bEaReR 8ua9bnrg9gmd1t3rcoaqm1d2o2" } });
    expect(answer.status).toBe(200);
  });

  it("answers the documented 400 example on an invalid request with Prefer: code=400", async () => {
    const answer = await call("/api/v2/Payment/Customers", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", prefer: "code=400, example=noPayload" },
      body: "{}",
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "ProductFormatException", error_details: "no payload" });
  });

  it("accepts a valid create and answers the documented example", async () => {
    const answer = await call("/api/v2/Payment/Customers", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(person),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      object: "payment.customers",
      id: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ",
    });
  });
});

describe("Prefer", () => {
  it("code=404 selects the documented not-found error", async () => {
    const answer = await call(customerPath, { headers: { ...auth, prefer: "code=404" } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: "ProductNotFoundException" });
  });

  it("example=company selects the company example", async () => {
    const answer = await call(customerPath, { headers: { ...auth, prefer: "example=company" } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ contact: { companyname: "Musterfirma GmbH" } });
  });

  it("serves the first example by default", async () => {
    const answer = await call(customerPath, { headers: auth });
    expect(await answer.json()).toMatchObject({ contact: { forename: "Max" } });
  });

  it("answers 400 or 500 only when asked to", async () => {
    for (const code of [400, 403, 500]) {
      const answer = await call(customerPath, { headers: { ...auth, prefer: `code=${code}` } });
      expect(answer.status).toBe(code);
      expect(await answer.json()).toMatchObject({ status: "error" });
    }
  });
});

describe("dynamic bodies", () => {
  const fetchCustomer = async (options: { seed?: number }) => {
    const dynamic = await startMock({ port: 0, mode: "dynamic", ...options });
    try {
      const answer = await fetch(`${dynamic.url}${customerPath}`, {
        headers: auth,
        signal: AbortSignal.timeout(30_000),
      });
      expect(answer.status).toBe(200);
      return await answer.text();
    } finally {
      await dynamic.close();
    }
  };

  it("are repeatable with the same seed and differ from the static example", async () => {
    const first = await fetchCustomer({ seed: 1 });
    const second = await fetchCustomer({ seed: 1 });
    expect(second).toBe(first);
    expect(JSON.parse(first)).not.toMatchObject({ contact: { forename: "Max" } });
    expect(await fetchCustomer({ seed: 2 })).not.toBe(first);
  });

  it("startMock refuses a seed without dynamic", async () => {
    await expect(startMock({ port: 0, seed: 1 })).rejects.toThrow(/seed/);
  });

  it("honour count, and report a total a client can page to (iterate() ends)", async () => {
    const dynamic = await startMock({ port: 0, mode: "dynamic", seed: 1 });
    try {
      for (const [query, length] of [
        ["?count=3", 3],
        ["", 20],
        ["?count=5&offset=10", 5],
      ] as const) {
        const answer = await fetch(`${dynamic.url}/api/v2/Payment/Customers${query}`, { headers: auth });
        const body = (await answer.json()) as { count: number; data: unknown[] };
        expect(body.data.length).toBeLessThanOrEqual(length);
        expect(body.count).toBe(Number(new URLSearchParams(query).get("offset") ?? 0) + body.data.length);
      }
    } finally {
      await dynamic.close();
    }
  });
});
