// PaymentCustomersError is a union by `kind`: checking `kind` (after `instanceof`) tells TypeScript which fields exist.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiError,
  PaymentCustomersError,
  type PaymentCustomersErrorKind,
  type RateLimitError,
  type ResponseInfo,
  type Violation,
} from "../../src/index.js";

declare const caught: unknown;

describe("errors narrow by kind", () => {
  it("instanceof narrows unknown to the union", () => {
    if (caught instanceof PaymentCustomersError) {
      expectTypeOf(caught.kind).toEqualTypeOf<PaymentCustomersErrorKind>();
      expectTypeOf(caught).toEqualTypeOf<PaymentCustomersError>();
      // Every optional field can be read without narrowing: it is `undefined` where a kind lacks it.
      expectTypeOf(caught.status).toEqualTypeOf<number | undefined>();
      expectTypeOf(caught.violations).toEqualTypeOf<Violation[] | undefined>();
      // @ts-expect-error not a field of any kind
      caught.body;
    }
  });

  it("an api error has a status and the answer's headers", () => {
    if (caught instanceof PaymentCustomersError && caught.kind === "api") {
      expectTypeOf(caught).toEqualTypeOf<ApiError>();
      expectTypeOf(caught.status).toEqualTypeOf<number>();
      expectTypeOf(caught.headers).toEqualTypeOf<Headers>();
      expectTypeOf(caught.supportId).toEqualTypeOf<string | undefined>();
      const status: number = caught.status;
      void status;
    }
  });

  it("a timeout has its limit, or the server's 408", () => {
    if (caught instanceof PaymentCustomersError && caught.kind === "timeout") {
      if (caught.status === undefined) expectTypeOf(caught.timeoutMs).toEqualTypeOf<number>();
      else expectTypeOf(caught.status).toEqualTypeOf<408>();
      // @ts-expect-error the limit is absent when the server answered 408
      const limit: number = caught.timeoutMs;
      void limit;
    }
  });

  it("not_found and rate_limit have their statuses; network has none", () => {
    if (!(caught instanceof PaymentCustomersError)) return;
    if (caught.kind === "not_found") expectTypeOf(caught.status).toEqualTypeOf<404>();
    if (caught.kind === "rate_limit") {
      expectTypeOf(caught).toEqualTypeOf<RateLimitError>();
      expectTypeOf(caught.retryAfter).toEqualTypeOf<number | undefined>();
    }
    if (caught.kind === "network") expectTypeOf(caught.status).toEqualTypeOf<undefined>();
    // @ts-expect-error a status is not there before narrowing
    const status: number = caught.status;
    void status;
  });

  it("a switch over kind is exhaustive", () => {
    if (!(caught instanceof PaymentCustomersError)) return;
    switch (caught.kind) {
      case "auth":
      case "not_found":
      case "validation":
      case "rate_limit":
      case "server":
      case "api":
      case "network":
      case "timeout":
        return;
      default:
        expectTypeOf(caught).toBeNever();
    }
  });

  it("onResponse gets the status and headers", () => {
    expectTypeOf<ResponseInfo>().toEqualTypeOf<{ method: string; path: string; status: number; headers: Headers }>();
  });
});
