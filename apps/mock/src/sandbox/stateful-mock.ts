// The sandbox as Prism's `mock` component: Prism routes and validates the request (and later the answer); this
// produces the answer from the store instead of the spec's examples.
import type { IHttpResponse, PrismHttpComponents } from "@stoplight/prism-http";
import { refusal, requestRules, type Violation, withoutUnknownFields } from "../request-rules.js";
import { internalError, tokenInvalid } from "./answers.js";
import { blankOmitted } from "./api-values.js";
import type { CustomerModel } from "./customer-properties.js";
import { createCustomerOperations } from "./customers.js";
import type { TokenIssuer } from "./oauth.js";
import type { CustomerStore } from "./store.js";

type MockComponent = PrismHttpComponents["mock"];
const customers = "/api/v2/Payment/Customers";
const customer = `${customers}/{paymentCustomerId}`;

export interface StatefulMockOptions {
  store: CustomerStore;
  tokens: TokenIssuer;
  now: () => number;
  /** What `q`, `sort` and `fields` may name and the page bound, read from the spec (customer-properties.ts). */
  model: CustomerModel;
  /** Answers what the sandbox leaves to the examples: `Prefer: code=NNN` faults. */
  examples: MockComponent;
  /** Refuse what the API would accept but the spec forbids (see request-rules.ts). */
  strict: boolean;
  /** The contact fields of the spec's request body: a PUT that leaves one out sets it empty, as the API does. */
  contactFields: readonly string[];
  addressFields: readonly string[];
}

/**
 * A Prism mock component backed by the store. `Prefer: code=NNN` (400 and up) still selects the documented error
 * without touching the state; a missing or unknown token answers 401, an expired one 403 (code 2003), before the
 * body is looked at; an invalid request gets the API's 400, or is carried out with a warning (request-rules.ts).
 */
export function createStatefulMock(options: StatefulMockOptions): MockComponent {
  const { store, tokens, now, model, examples, strict, contactFields, addressFields } = options;
  const operations = createCustomerOperations(store, now, model);

  return (options) => {
    const { resource, input, config } = options;
    if (config.code !== undefined && config.code >= 400) return examples(options);

    const request = input.data;
    const authorization = header(request.headers, "authorization");
    if (resource.path === "/oauth/token") return () => right(tokens.issue(request.body, authorization));
    const token = tokens.check(authorization);
    // The token check is the sandbox's own (any case of `Bearer`), so Prism's security diagnostics are not used.
    if (typeof token === "string") {
      return () => right(tokenInvalid(token === "expired" ? 403 : 401));
    }
    const { refused, tolerated } = requestRules(input.validations as Violation[], strict);
    if (refused.length > 0) return () => right(refusal(refused, strict));

    return () => {
      try {
        const id = decodeURIComponent(request.url.path.slice(request.url.path.lastIndexOf("/") + 1));
        const body = withoutUnknownFields(request.body, tolerated) as { contact?: Record<string, unknown> } | undefined;
        const contact = body?.contact ?? {};
        const route = `${resource.method} ${resource.path}`;
        const owner = token.merchant;
        if (route === `post ${customers}`) return right(operations.create(owner, contact));
        if (route === `get ${customers}`) return right(operations.list(owner, request.url.query ?? {}));
        if (route === `get ${customer}`) return right(operations.get(owner, id));
        if (route === `put ${customer}`) {
          const had = store.get(owner, id)?.contact as Record<string, unknown> | undefined;
          return right(operations.replace(owner, id, blankOmitted(contact, had, contactFields, addressFields)));
        }
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
