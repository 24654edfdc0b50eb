// The hook and logging options are typed: what they receive, and which values they take.
import { describe, expectTypeOf, it } from "vitest";
import { type AttemptInfo, createPaymentCustomersClient, type ResponseInfo } from "../../src/index.js";

const base = { environment: "testing", accessToken: "token" } as const;

describe("hooks and logging options", () => {
  it("onRetry and onResponse receive what they are documented to", () => {
    createPaymentCustomersClient({
      ...base,
      onRetry: (attempt) => expectTypeOf(attempt).toEqualTypeOf<AttemptInfo>(),
      onResponse: (response) => expectTypeOf(response).toEqualTypeOf<ResponseInfo>(),
    });
    expectTypeOf<AttemptInfo["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<AttemptInfo["retryInMs"]>().toEqualTypeOf<number | undefined>();
  });

  it("a call's onResponse is a request option", () => {
    const client = createPaymentCustomersClient(base);
    client.customers.get("PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ", { onResponse: ({ status }) => status });
  });

  it("logLevel and logger take only what works", () => {
    createPaymentCustomersClient({ ...base, logLevel: "debug", logger: console });
    createPaymentCustomersClient({ ...base, logger: { debug: (line: string) => void line } });
    // @ts-expect-error no such level
    createPaymentCustomersClient({ ...base, logLevel: "verbose" });
    // @ts-expect-error a logger needs a debug method
    createPaymentCustomersClient({ ...base, logger: { info: () => {} } });
    // @ts-expect-error default headers are strings
    createPaymentCustomersClient({ ...base, headers: { "x-count": 1 } });
  });
});
