// The typed calls build their own requests; openapi-fetch (rawClient) builds them the way they were built before.
// Whatever the list parameters, bodies and headers, both send the same bytes: method, URL, headers and body.
import fc from "fast-check";
import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { runs } from "../../../vitest.fast-check.mjs";
import { createPaymentCustomersClient, type PaymentCustomersListParams, rawClient } from "../src/index.js";
import { listQuery } from "../src/list-query.js";

// Every query parameter of the list operation in the spec: strings and integers.
const names = [
  "count",
  "offset",
  "fields",
  "q",
  "sort",
  "expand",
  "scroll_id",
  "scroll_expire",
  "meta",
  "validate",
  "preset",
  "aggregate",
] as const;
// Any text (lone surrogates too, which neither side can encode), the characters URLs treat specially, and numbers.
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(..."a:*?%&=+#/ ,()!'~\"[]@.-_"), maxLength: 12 }),
);
const value = fc.oneof(text, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constant(undefined), fc.constant(null));
// Parameters in any order (the query keeps it), each present or not.
const listParams = fc
  .shuffledSubarray([...names])
  .chain((keys) => fc.tuple(...keys.map((key) => value.map((v) => [key, v] as const))))
  .map((entries) => Object.fromEntries(entries) as PaymentCustomersListParams);
const headerName = fc.constantFrom("x-tenant", "X-Tenant", "accept", "Accept", "content-type", "x-request-id");
const headerValue = fc.oneof(fc.string({ unit: fc.constantFrom(..."abc /;=,-"), maxLength: 8 }), fc.constant(null));
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 3 });

/** What openapi-fetch's default serializer and URL building write (the typed calls' path before). */
const openapiFetchQuery = (params: PaymentCustomersListParams) => {
  const search = createQuerySerializer()(params);
  return search ? `?${search}` : "";
};
const outcome = (build: () => string) => {
  try {
    return build();
  } catch (error) {
    return (error as Error).name;
  }
};

describe("typed calls send what openapi-fetch sent", () => {
  it("the list query is openapi-fetch's, byte for byte", () => {
    fc.assert(
      fc.property(listParams, (params) => {
        expect(outcome(() => listQuery(params))).toBe(outcome(() => openapiFetchQuery(params)));
      }),
      { numRuns: runs(500) },
    );
  });

  it("list, create, get and update: the same method, URL, headers and body as through openapi-fetch", async () => {
    await fc.assert(
      fc.asyncProperty(
        listParams,
        headers,
        headers,
        fc.string({ unit: "grapheme", maxLength: 10 }),
        async (params, clientHeaders, callHeaders, name) => {
          const sent: string[] = [];
          const client = createPaymentCustomersClient({
            environment: "https://connect-testing.secuconnect.com",
            accessToken: "a-long-bearer-token",
            headers: clientHeaders as Record<string, string>,
            maxRetries: 0,
            fetch: async (request) => {
              const body = await request.text();
              sent.push(JSON.stringify([request.method, request.url, [...request.headers], body, request.redirect]));
              // A page for the list, a customer for the rest.
              const list = new URL(request.url).pathname.endsWith("/Customers") && request.method === "GET";
              return Response.json(list ? { count: 0, data: [] } : { id: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ" });
            },
          });
          const raw = rawClient(client);
          const options = { headers: callHeaders as Record<string, string> };
          // Each pair: the typed call, then the same call through openapi-fetch; the same outcome and requests.
          const same = async (typed: () => Promise<unknown>, viaOpenapiFetch: () => Promise<unknown>) => {
            const typedOutcome = [await outcomeOf(typed), sent.splice(0)];
            expect(typedOutcome).toEqual([await outcomeOf(viaOpenapiFetch), sent.splice(0)]);
          };
          const collection = "/api/v2/Payment/Customers";
          const item = "/api/v2/Payment/Customers/{paymentCustomerId}";
          const path = { paymentCustomerId: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ" } as const;
          const address = { street: name, street_number: "1", postal_code: "01234", city: name, country: "DE" };
          const input = { contact: { forename: name, surname: name, email: "m@example.com", address } };
          await same(
            () => client.customers.list(params, options),
            () => raw.GET(collection, { params: { query: params }, ...options }),
          );
          await same(
            () => client.customers.create(input, options),
            () => raw.POST(collection, { body: input, ...options }),
          );
          await same(
            () => client.customers.get(path.paymentCustomerId, options),
            () => raw.GET(item, { params: { path }, ...options }),
          );
          await same(
            () => client.customers.update(path.paymentCustomerId, input, options),
            () => raw.PUT(item, { params: { path }, body: input, ...options }),
          );
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

/** A call's outcome as a comparable text: resolved, or the error's name. */
async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "resolved";
  } catch (error) {
    return (error as Error).name;
  }
}
