// The sandbox answers as the real API does, each fact from a primary source: the official PHP SDK 2.63's
// PaymentCustomersApiTest (dob, phones, updated), the Java SDK's RefreshTokenTest (401 for an invalid token), the
// Error_Handling page (403/2003 for an expired one), recorded traffic (token shape and headers, OAuth errors,
// content headers, Berlin timestamps) and the Managing Customers guide (a PUT blanks what it leaves out).
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { base, call, customersPath, tokenFor } from "./sandbox-fetch.js";

const address = {
  street: "Example Street",
  street_number: "6a",
  postal_code: "01234",
  city: "Examplecity",
  country: "DE",
};
const contact = {
  salutation: "Mr.",
  forename: "John",
  surname: "DOe",
  dob: "1991-02-03",
  email: "example@example.com",
  phone: "0049-123-456789",
  mobile: "+49 555 5555555",
  address,
};

const tokenRequest = (sandbox: ReturnType<typeof createSandbox>, body: string) =>
  sandbox.fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });

describe("the token endpoint", () => {
  it("answers a token of 26 lower-case letters and digits that no cache may keep", async () => {
    const answer = await tokenRequest(createSandbox(), "grant_type=client_credentials&client_id=a&client_secret=b");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("pragma")).toBe("no-cache");
    expect(((await answer.json()) as { access_token: string }).access_token).toMatch(/^[a-z0-9]{26}$/);
  });

  it.each([
    [
      "an empty client_id",
      "client_id&client_secret=s&grant_type=client_credentials",
      "invalid_client",
      "The client credentials are invalid",
    ],
    [
      "no client_id",
      "client_secret=s&grant_type=client_credentials",
      "invalid_client",
      "Client credentials were not found in the headers or body",
    ],
    [
      "grant_type=foo",
      "grant_type=foo&client_id=a&client_secret=s",
      "unsupported_grant_type",
      'Grant type "foo" not supported',
    ],
    [
      "no grant_type",
      "client_id=a&client_secret=s",
      "invalid_request",
      "The grant type was not specified in the request",
    ],
  ])("%s: 400 %s with the recorded text", async (_name, body, error, description) => {
    const answer = await tokenRequest(createSandbox(), body);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error, error_description: description });
  });

  it("a wrong secret under credentials: 400 invalid_client", async () => {
    const sandbox = createSandbox({ credentials: { shop: "right" } });
    const answer = await tokenRequest(sandbox, "grant_type=client_credentials&client_id=shop&client_secret=wrong");
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "invalid_client" });
  });

  it("takes the credentials from HTTP Basic too", async () => {
    const answer = await createSandbox().fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("shop:secret")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(answer.status).toBe(200);
  });
});

describe("tokens on /api/v2", () => {
  it("unknown or malformed: 401; expired: 403 with code 2003; any case of Bearer", async () => {
    let clock = Date.parse("2026-01-15T12:00:00Z");
    const sandbox = createSandbox({ now: () => clock });
    const token = await tokenFor(sandbox.fetch, "tokens");
    const status = async (authorization: string) => {
      const answer = await sandbox.fetch(`${base}${customersPath}`, { headers: { authorization } });
      return { status: answer.status, body: (await answer.json()) as { code?: number } };
    };
    expect((await status(`bearer ${token}`)).status).toBe(200);
    expect((await status(`BEARER ${token}`)).status).toBe(200);
    for (const unusable of ["Bearer stslcq4ilt3kl4j7ke474cfn23", "Bearer x", "Basic YTpi", "", `Bearer ${token}x`])
      expect(await status(unusable)).toMatchObject({ status: 401, body: { code: 2003 } });
    clock += 1200_000;
    expect(await status(`Bearer ${token}`)).toMatchObject({ status: 403, body: { code: 2003 } });
  });

  it("expired tokens are dropped: once long expired, the store no longer holds them (then 401)", async () => {
    let clock = Date.parse("2026-01-15T12:00:00Z");
    const sandbox = createSandbox({ now: () => clock, tokenTtl: 1 });
    const old = await tokenFor(sandbox.fetch, "old");
    clock += 601_000;
    await tokenFor(sandbox.fetch, "new");
    const answer = await sandbox.fetch(`${base}${customersPath}`, { headers: { authorization: `Bearer ${old}` } });
    expect(answer.status).toBe(401);
  });
});

describe("values as the API returns them", () => {
  it("dob at midnight UTC, phones without separators, created and updated in Berlin time", async () => {
    let clock = Date.parse("2026-01-15T12:00:00Z"); // winter: +01:00
    const sandbox = createSandbox({ now: () => clock });
    const token = await tokenFor(sandbox.fetch, "values");
    const created = await call(sandbox.fetch, token, "POST", customersPath, { contact });
    expect(created.status).toBe(200);
    expect(created.body.contact).toMatchObject({
      dob: "1991-02-03T00:00:00+00:00",
      phone: "0049123456789",
      mobile: "+495555555555",
    });
    expect(created.body.created).toBe("2026-01-15T13:00:00+01:00");
    clock = Date.parse("2026-07-15T12:00:00Z"); // summer: +02:00
    const later = await tokenFor(sandbox.fetch, "values");
    const { body } = await call(sandbox.fetch, later, "PUT", `${customersPath}/${created.body.id}`, {
      contact: { ...contact, dob: created.body.contact.dob },
    });
    expect(body).toMatchObject({ created: "2026-01-15T13:00:00+01:00", updated: "2026-07-15T14:00:00+02:00" });
    expect(body.contact.dob).toBe("1991-02-03T00:00:00+00:00");
  });

  it("API answers are application/json; charset=UTF-8 with Content-Language en_GB", async () => {
    const sandbox = createSandbox();
    const token = await tokenFor(sandbox.fetch, "headers");
    const answer = await sandbox.fetch(`${base}${customersPath}`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(answer.headers.get("content-language")).toBe("en_GB");
  });
});

describe("what the API accepts but the spec forbids", () => {
  const post = (
    sandbox: ReturnType<typeof createSandbox>,
    token: string,
    body: unknown,
    method = "POST",
    path = customersPath,
  ) =>
    sandbox.fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("a PUT that leaves fields out is carried out: they come back empty, and the Warning names them", async () => {
    const lines: string[] = [];
    const sandbox = createSandbox({ onWarning: (line) => lines.push(line) });
    const token = await tokenFor(sandbox.fetch, "put");
    const created = (await (await post(sandbox, token, { contact })).json()) as { id: string };
    const answer = await post(
      sandbox,
      token,
      { contact: { forename: "Anna", surname: "Smith" } },
      "PUT",
      `${customersPath}/${created.id}`,
    );
    expect(answer.status).toBe(200);
    const warning = answer.headers.get("warning") ?? "";
    expect(warning).toContain(
      '199 payment-customers-mock "contact.email is missing (the spec requires it in requests)"',
    );
    expect(warning).toContain("contact.address is missing");
    const body = (await answer.json()) as { contact: Record<string, unknown> };
    expect(body.contact).toMatchObject({ forename: "Anna", email: "", phone: "", dob: "", salutation: "" });
    expect(body.contact.address).toEqual({
      type: "",
      street: "",
      street_number: "",
      additional_address_data: "",
      postal_code: "",
      city: "",
      country: "",
    });
    // The log line names fields and rules, never a value sent.
    expect(lines.join("\n")).toContain("contact.email is missing");
    expect(lines.join("\n")).not.toMatch(/Anna|Smith|example\.com/);
  });

  it("creates of the official examples: no e-mail, no house number, no address", async () => {
    const sandbox = createSandbox();
    const token = await tokenFor(sandbox.fetch, "creates");
    const { street_number: _, ...withoutNumber } = address;
    for (const sent of [
      { forename: "A", surname: "B", address },
      { forename: "A", surname: "B", email: "a@example.com", address: withoutNumber },
      { forename: "A", surname: "B", email: "a@example.com" },
    ]) {
      const answer = await post(sandbox, token, { contact: sent });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("warning")).toMatch(/^199 payment-customers-mock "contact\.[a-z_.]+ is missing/);
    }
  });

  it("an unknown field is dropped, with a Warning", async () => {
    const sandbox = createSandbox();
    const token = await tokenFor(sandbox.fetch, "unknown");
    const answer = await post(sandbox, token, { contact: { ...contact, address: { ...address, postcode: "1" } } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("warning")).toContain(
      "contact.address.postcode is not a field of the spec and was dropped",
    );
    const body = (await answer.json()) as { contact: { address: Record<string, unknown> } };
    expect(body.contact.address).not.toHaveProperty("postcode");
  });

  it("strict refuses each of them with the API's 400 ProductFormatException", async () => {
    const sandbox = createSandbox({ strict: true });
    const token = await tokenFor(sandbox.fetch, "strict");
    for (const sent of [
      { ...contact, email: undefined },
      { ...contact, shoe_size: 44 },
    ]) {
      const answer = await post(sandbox, token, { contact: sent });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { error: string; error_details: string };
      expect(body.error).toBe("ProductFormatException");
      expect(body.error_details).toContain("strict");
    }
  });

  it("what the API refuses stays refused: no contact, a bad dob", async () => {
    const sandbox = createSandbox();
    const token = await tokenFor(sandbox.fetch, "refused");
    for (const [body, text] of [
      [{}, "no payload"],
      [{ contact: { ...contact, dob: "03.02.1991" } }, "invalid dob format"],
    ] as const) {
      const answer = await post(sandbox, token, body);
      expect(answer.status).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/json; charset=UTF-8");
      const error = (await answer.json()) as Record<string, unknown>;
      expect(error).toMatchObject({ status: "error", error: "ProductFormatException" });
      expect(String(error.error_details).startsWith(text)).toBe(true);
      expect(error.supportId).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
