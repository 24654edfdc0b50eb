// The sandbox over HTTP: tokens and credentials, faults that leave the state alone, paging, sorting, projection,
// concurrency, reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../dist/index.js";
import { call, customersPath, tokenFor } from "./sandbox-fetch.js";

const contact = (surname: string, email = `${surname.toLowerCase()}@example.com`) => ({
  forename: "Max",
  surname,
  email,
  address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
});
const httpFetch = (input: Request | string | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());
const api = (token: string, method: string, path: string, body?: unknown) =>
  call(httpFetch, token, method, path, body, mock.url);

describe("tokens", () => {
  it("issues a distinct token per request, for form and JSON bodies, with expires_in 1200", async () => {
    const form = await tokenFor(httpFetch, "tokens", mock.url);
    const answer = await httpFetch(`${mock.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: "tokens", client_secret: "s" }),
    });
    const json = (await answer.json()) as { access_token: string; expires_in: number };
    expect(json).toMatchObject({ expires_in: 1200, token_type: "bearer" });
    expect(json.access_token).not.toBe(form);
  });

  it("answers an unknown or malformed token with 401, as the official SDKs' re-authentication expects", async () => {
    for (const token of ["not-a-token", "stslcq4ilt3kl4j7ke474cfn23"]) {
      const answer = await api(token, "GET", customersPath);
      expect(answer).toMatchObject({ status: 401, body: { status: "error", code: 2003 } });
      expect(answer.body.supportId).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("with credentials, only the listed client ids and secrets get a token", async () => {
    const restricted = await startMock({ port: 0, credentials: { shop: "right" } });
    try {
      const ask = (id: string, secret: string) =>
        httpFetch(`${restricted.url}/oauth/token`, {
          method: "POST",
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }),
        });
      expect((await ask("shop", "right")).status).toBe(200);
      const wrong = await ask("shop", "wrong");
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
      expect((await ask("other", "right")).status).toBe(400);
    } finally {
      await restricted.close();
    }
  });
});

describe("customers", () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(httpFetch, "customers", mock.url);
  });

  it("Prefer: code=NNN answers the documented error and leaves the state alone", async () => {
    const before = (await api(token, "GET", customersPath)).body.count;
    for (const code of [400, 401, 403, 404, 500]) {
      const answer = await httpFetch(`${mock.url}${customersPath}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", prefer: `code=${code}` },
        body: JSON.stringify({ contact: contact("Fault") }),
      });
      expect(answer.status).toBe(code);
      expect(await answer.json()).toMatchObject({ status: "error" });
    }
    expect((await api(token, "GET", customersPath)).body.count).toBe(before);
  });

  it("pages with count and offset, sorts by several keys, projects with fields", async () => {
    const own = await tokenFor(httpFetch, "paging", mock.url);
    for (const surname of ["Beta", "Alpha", "Gamma", "Alpha"]) {
      expect((await api(own, "POST", customersPath, { contact: contact(surname) })).status).toBe(200);
    }
    const page = await api(own, "GET", `${customersPath}?count=2&offset=1`);
    expect(page.body.count).toBe(4);
    expect(page.body.data.map((c: { contact: { surname: string } }) => c.contact.surname)).toEqual(["Alpha", "Gamma"]);

    const sorted = await api(own, "GET", `${customersPath}?sort=contact.surname:desc,created:asc`);
    expect(sorted.body.data.map((c: { contact: { surname: string } }) => c.contact.surname)).toEqual([
      "Gamma",
      "Beta",
      "Alpha",
      "Alpha",
    ]);

    const projected = await api(own, "GET", `${customersPath}?fields=created,contact.email&count=1`);
    expect(projected.body.data[0]).toEqual({ created: expect.any(String), contact: { email: "beta@example.com" } });
    const minimal = await api(own, "GET", `${customersPath}?fields=created&count=1`);
    expect(Object.keys(minimal.body.data[0])).toEqual(["created"]);
  });

  it("200 parallel creates give 200 distinct ids and a total of 200", async () => {
    const own = await tokenFor(httpFetch, "parallel", mock.url);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api(own, "POST", customersPath, { contact: contact(`Parallel${i}`) })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(200);
    expect((await api(own, "GET", `${customersPath}?count=1`)).body.count).toBe(200);
  });

  it("reset() empties the sandbox for every merchant", async () => {
    await api(token, "POST", customersPath, { contact: contact("Reset") });
    await mock.reset();
    expect((await api(token, "GET", customersPath)).body).toEqual({ count: 0, data: [] });
  });
});
