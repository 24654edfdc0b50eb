// openapi-msw types handler answers with the paths it is given: `PlainPaths` works, `paths` (with the markers) not.
import { HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { PaymentCustomer, PlainPaths, paths } from "../src/index.js";

const customer: PaymentCustomer = {
  object: "payment.customers",
  id: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ",
  contact: { forename: "Max", surname: "Mustermann", email: "max@example.com" },
};

describe("openapi-msw", () => {
  it("types handlers with PlainPaths: paths, parameters and answers", () => {
    const http = createOpenApiHttp<PlainPaths>({ baseUrl: "http://sandbox.local" });
    http.get("/api/v2/Payment/Customers/{paymentCustomerId}", ({ params, response }) => {
      expectTypeOf(params.paymentCustomerId).toEqualTypeOf<string>();
      return response(200).json({ ...customer, id: params.paymentCustomerId as PaymentCustomer["id"] });
    });
    http.get("/api/v2/Payment/Customers", ({ response }) => response(200).json({ count: 1, data: [customer] }));
    // @ts-expect-error an answer the spec does not allow: no count
    http.get("/api/v2/Payment/Customers", ({ response }) => response(200).json({ data: [customer] }));
    // @ts-expect-error a path the API does not have
    http.get("/api/v2/Payment/Customer", () => HttpResponse.json({}));
  });

  it("cannot use paths with the markers: a read-only field wants a $Read value", () => {
    const http = createOpenApiHttp<paths>({ baseUrl: "http://sandbox.local" });
    // @ts-expect-error Type 'string' is not assignable to type '$Read<...>' (why PlainPaths exists)
    http.get("/api/v2/Payment/Customers/{paymentCustomerId}", ({ response }) => response(200).json(customer));
  });
});
