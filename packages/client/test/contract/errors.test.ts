// One error per declared status of every operation, chosen with Prism's `Prefer` header.
import { describe, expect, it } from "vitest";
import { PaymentCustomersError, type PaymentCustomersErrorKind, type RequestOptions } from "../../src/index.js";
import { id, input, mockClient } from "./mock-client.js";

const client = mockClient;

type Customers = ReturnType<typeof client>["customers"];
const operations: [string, (customers: Customers, options: RequestOptions) => Promise<unknown>][] = [
  ["create", (customers, options) => customers.create(input, options)],
  ["get", (customers, options) => customers.get(id, options)],
  ["list", (customers, options) => customers.list({}, options)],
  ["update", (customers, options) => customers.update(id, input, options)],
  ["delete", (customers, options) => customers.delete(id, options)],
];

const declared: [number, PaymentCustomersErrorKind, string, string][] = [
  [400, "validation", "ProductFormatException", "invalid dob format"],
  [401, "auth", "ProductNotAllowedException", "Valid auth token required"],
  [403, "auth", "ProductNotAllowedException", "Valid auth token required"],
  [404, "not_found", "ProductNotFoundException", "Payment customer not found"],
  [500, "server", "ProductInternalException", "Internal error"],
];

describe.each(operations)("%s", (_name, call) => {
  it.each(declared)("%i becomes a %s error with the payload's fields", async (status, kind, exception, details) => {
    const { customers } = client();
    const error = await call(customers, { headers: { Prefer: `code=${status}` }, maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind, status, exception, errorDetails: details });
    const { supportId, errorUser, code, method, path, message } = error as PaymentCustomersError;
    expect(supportId).toMatch(/^[0-9a-f]{32}$/);
    expect(errorUser).toBeTruthy();
    expect(code).toBeDefined();
    expect(method).toMatch(/^(GET|POST|PUT|DELETE)$/);
    expect(path).toMatch(/^\/api\/v2\/Payment\/Customers/);
    expect(message).toContain(String(status));
  });
});

describe("authentication failures", () => {
  it("on 401 the client gets a new token and sends the request once more, then gives up", async () => {
    const { customers, requests } = client();
    await expect(customers.get(id, { headers: { Prefer: "code=401" } })).rejects.toMatchObject({ status: 401 });
    const paths = requests.map((request) => `${request.method} ${request.url.pathname}`);
    expect(paths).toEqual([
      "POST /oauth/token",
      `GET /api/v2/Payment/Customers/${id}`,
      "POST /oauth/token",
      `GET /api/v2/Payment/Customers/${id}`,
    ]);
  });

  it("403 with code 2003 renews the token too, even for a create", async () => {
    const { customers, requests } = client();
    const error = await customers
      .create(input, { headers: { Prefer: "code=403, example=tokenInvalid" } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "auth", status: 403, code: 2003 });
    expect(requests.filter((request) => request.url.pathname === "/oauth/token")).toHaveLength(2);
    expect(
      requests.filter((request) => request.method === "POST" && request.url.pathname.startsWith("/api/")),
    ).toHaveLength(2);
  });

  it("403 with another code is not a token problem: no new token, no second request", async () => {
    const { customers, requests } = client();
    const error = await customers
      .delete(id, { headers: { Prefer: "code=403, example=notAllowed" } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "auth", status: 403, code: "0" });
    expect(requests).toHaveLength(2);
  });
});

describe("validation by Prism", () => {
  it("an invalid body surfaces as a validation error listing the violations", async () => {
    const { customers } = client();
    const invalid = { contact: { ...input.contact, email: undefined, dob: "3 February 1901" } };
    const error = await customers.create(invalid as unknown as typeof input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    const { kind, status, violations, message } = error as PaymentCustomersError;
    expect(kind).toBe("validation");
    expect([400, 422]).toContain(status);
    expect(violations?.map((violation) => violation.message).join("\n")).toMatch(/email/);
    expect(violations?.some((violation) => violation.location?.includes("dob"))).toBe(true);
    expect(message).toContain("POST /api/v2/Payment/Customers");
  });

  it("with the declared 400 chosen, the violations come from Prism's sl-violations header", async () => {
    const { customers } = client();
    const invalid = { contact: { ...input.contact, email: undefined } } as unknown as typeof input;
    const error = await customers
      .create(invalid, { headers: { Prefer: "code=400" } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "validation", status: 400, exception: "ProductFormatException" });
    expect((error as PaymentCustomersError).violations?.map((violation) => violation.message).join("\n")).toMatch(
      /email/,
    );
  });

  it("a malformed or path-changing id fails before any request", async () => {
    const { customers, requests } = client();
    const ids = [
      "",
      "pcu_38rg7mhre2njtpfmxryqp3nkw6gvaz",
      "PCU_123",
      `../${id}`,
      `${id}?x=1`,
      `${id}#x`,
      `PCU_%2F${id.slice(7)}`,
    ];
    for (const bad of ids) {
      for (const call of [customers.get(bad), customers.update(bad, input), customers.delete(bad)]) {
        await expect(call).rejects.toMatchObject({ name: "PaymentCustomersError", kind: "validation" });
      }
    }
    expect(requests).toHaveLength(0);
  });
});
