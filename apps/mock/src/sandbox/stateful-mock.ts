// The sandbox as Prism's `mock` component: Prism routes and validates the request (and later the answer); this
// produces the answer from the store instead of the spec's examples.
import type { IHttpResponse, PrismHttpComponents } from "@stoplight/prism-http";
import { internalError, tokenInvalid } from "./answers.js";
import type { CustomerModel } from "./customer-properties.js";
import { createCustomerOperations } from "./customers.js";
import type { TokenIssuer } from "./oauth.js";
import type { CustomerStore } from "./store.js";

type MockComponent = PrismHttpComponents["mock"];
const errorSeverity = 0; // DiagnosticSeverity.Error of @stoplight/types
const unauthorised = 401; // the code of Prism's security diagnostics
const customers = "/api/v2/Payment/Customers";
const customer = `${customers}/{paymentCustomerId}`;

export interface StatefulMockOptions {
  store: CustomerStore;
  tokens: TokenIssuer;
  now: () => number;
  /** What `q`, `sort` and `fields` may name and the page bound, read from the spec (customer-properties.ts). */
  model: CustomerModel;
  /** Answers what the sandbox leaves to the examples: `Prefer: code=NNN` faults and invalid requests (422). */
  examples: MockComponent;
}

/**
 * A Prism mock component backed by the store. `Prefer: code=NNN` (400 and up) still selects the documented error
 * without touching the state; a missing, unknown or expired token answers 403 with code 2003, before the body is
 * looked at; an invalid request gets Prism's 422 from `examples`.
 */
export function createStatefulMock({ store, tokens, now, model, examples }: StatefulMockOptions): MockComponent {
  const operations = createCustomerOperations(store, now, model);

  return (options) => {
    const { resource, input, config } = options;
    if (config.code !== undefined && config.code >= 400) return examples(options);

    const request = input.data;
    const invalid = input.validations.filter((validation) => validation.severity === errorSeverity);
    const isTokenRequest = resource.path === "/oauth/token";
    const merchant = isTokenRequest ? undefined : tokens.merchantOf(header(request.headers, "authorization"));
    if (!isTokenRequest && (merchant === undefined || invalid.some((v) => v.code === unauthorised))) {
      return () => right(tokenInvalid());
    }
    if (invalid.length > 0) return examples(options);

    return () => {
      try {
        if (isTokenRequest) return right(tokens.issue(fieldsOf(request.body)));
        const id = decodeURIComponent(request.url.path.slice(request.url.path.lastIndexOf("/") + 1));
        const contact = (request.body as { contact?: Record<string, unknown> } | undefined)?.contact ?? {};
        const route = `${resource.method} ${resource.path}`;
        const owner = merchant as string;
        if (route === `post ${customers}`) return right(operations.create(owner, contact));
        if (route === `get ${customers}`) return right(operations.list(owner, request.url.query ?? {}));
        if (route === `get ${customer}`) return right(operations.get(owner, id));
        if (route === `put ${customer}`) return right(operations.replace(owner, id, contact));
        if (route === `delete ${customer}`) return right(operations.delete(owner, id));
        return right(internalError());
      } catch {
        return right(internalError());
      }
    };
  };
}

// Prism's mock answers with fp-ts' Either; its plain-object form saves a dependency on fp-ts.
const right = (response: IHttpResponse) => ({ _tag: "Right" as const, right: response });

function header(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token request's fields: form-encoded (a string, as Prism passes it on) or JSON. */
function fieldsOf(body: unknown): Record<string, unknown> {
  if (typeof body === "string") return Object.fromEntries(new URLSearchParams(body));
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}
