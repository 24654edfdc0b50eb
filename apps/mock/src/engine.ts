// The mock's one engine: a web-standard `(request: Request) => Promise<Response>` around Prism's pipeline
// (route, validate the request, produce the answer, validate the answer). The HTTP server, `createSandbox` and
// the MSW recipe are thin shells around it.
import { createLogger } from "@stoplight/prism-core";
import {
  createInstance,
  getHttpOperationsFromSpec,
  type IHttpConfig,
  type IHttpRequest,
  type PrismHttpComponents,
  ProblemJsonError,
  UNPROCESSABLE_ENTITY,
} from "@stoplight/prism-http";
import { pagedExamples } from "./paged-examples.js";
import { preferencesOf } from "./prefer.js";
import { customerModelOf } from "./sandbox/customer-properties.js";
import { createTokenIssuer, type TokenIssuer } from "./sandbox/oauth.js";
import { createStatefulMock } from "./sandbox/stateful-mock.js";
import type { CustomerStore } from "./sandbox/store.js";
import { mockWithUnprocessableEntity } from "./unprocessable-entity.js";

/** How the engine answers: from the store (`sandbox`), the spec's examples (`static`) or generated bodies (`dynamic`). */
export type MockMode = "sandbox" | "static" | "dynamic";

export interface EngineOptions {
  /** The OpenAPI document: a file path or the parsed document. */
  spec: string | object;
  /** The spec's operations when already read (`readOperations`), so engines on one spec share one parse. */
  operations?: Operations;
  mode: MockMode;
  /** With `dynamic`: the same seed gives the same bodies. */
  seed?: number;
  /** The sandbox's customers. */
  store: CustomerStore;
  /** Token lifetime in seconds (sandbox). */
  tokenTtl: number;
  /** When set, only these client ids and secrets get a token (sandbox). */
  credentials?: ReadonlyMap<string, string>;
  /** The clock in milliseconds (sandbox). */
  now: () => number;
  /** Runs after every request, before its answer goes out: persistence writes the store's changes here. */
  afterRequest?: () => Promise<void>;
  /** The sandbox's tokens; an engine rebuilt for a reloaded spec gets the old one's, so its tokens stay valid. */
  tokens?: TokenIssuer;
  /** Told of every internal failure (an answer 500 the engine did not mean to give), for the log. */
  onError?: (error: Error) => void;
}

/** A web-standard request handler. */
export type Handler = (request: Request) => Promise<Response>;

type Operations = ReturnType<typeof getHttpOperationsFromSpec>;

/** Reads the spec's operations (a second or more: Prism dereferences the whole document). */
export const readOperations = (spec: string | object): Operations => getHttpOperationsFromSpec(spec);

/** Builds the engine; resolves once the spec is loaded. */
export async function createEngine(options: EngineOptions): Promise<Handler> {
  const { mode, seed, store, afterRequest } = options;
  const operations = await (options.operations ?? readOperations(options.spec));
  const mock: PrismHttpComponents["mock"] =
    mode === "sandbox"
      ? createStatefulMock({
          store,
          now: options.now,
          model: customerModelOf(operations, typeof options.spec === "object" ? options.spec : undefined),
          tokens:
            options.tokens ??
            createTokenIssuer({ ttlSeconds: options.tokenTtl, credentials: options.credentials, now: options.now }),
          examples: mockWithUnprocessableEntity,
        })
      : mode === "dynamic"
        ? pagedExamples(mockWithUnprocessableEntity)
        : mockWithUnprocessableEntity;
  const config: IHttpConfig = {
    isProxy: false,
    mock: { dynamic: mode === "dynamic", ...(seed === undefined ? {} : { seed: String(seed) }) },
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
  };
  // Silent: a request log would carry Authorization headers and personal data from request bodies.
  const logger = createLogger("payment-customers-mock", { level: "silent" });
  const prism = createInstance(config, { logger, mock });

  return async (request) => {
    try {
      const url = new URL(request.url);
      const preferences = preferencesOf(request.headers.get("prefer"), url.searchParams);
      if ("invalid" in preferences)
        return problem(ProblemJsonError.fromTemplate(UNPROCESSABLE_ENTITY, preferences.invalid));
      const input = await prismRequest(request, url);
      if (input instanceof Response) return input;

      const requestConfig = { ...config, mock: { ...config.mock, ...preferences } } as IHttpConfig;
      const result = await prism.request(input, operations, requestConfig)();
      await afterRequest?.();
      if (result._tag === "Left") return problem(result.left);

      const { output, validations } = result.right;
      const headers = new Headers(output.headers);
      const violations = [
        ...validations.input.map((v) => ({ ...v, location: ["request", ...(v.path ?? [])] })),
        ...validations.output.map((v) => ({ ...v, location: ["response", ...(v.path ?? [])] })),
      ];
      // As Prism's server: what the request or the answer breaks of the spec, in one header.
      if (violations.length > 0) headers.set("sl-violations", asciiJson(violations).slice(0, 8000));
      const body =
        output.body === undefined ? null : typeof output.body === "string" ? output.body : JSON.stringify(output.body);
      return new Response(body, { status: output.statusCode, headers });
    } catch (error) {
      options.onError?.(error as Error);
      return problem(error as Error);
    }
  };
}

const jsonType = /^application\/([\w.+-]*\+)?json(\s*;|$)/i;

/** The request as Prism's pipeline takes it: a parsed JSON body, other bodies as text. */
export async function prismRequest(request: Request, url: URL): Promise<IHttpRequest | Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = request.body ? await request.text() : "";
  let body: unknown = null;
  delete headers["content-length"];
  if (text !== "") {
    headers["content-length"] = String(new TextEncoder().encode(text).length);
    if (jsonType.test(headers["content-type"] ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        return problem(Object.assign(new Error("The body is not valid JSON"), { status: 400, name: "Invalid JSON" }));
      }
    } else {
      body = text;
    }
  }
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return {
    method: request.method.toLowerCase() as IHttpRequest["method"],
    url: { path: url.pathname, query },
    headers,
    body,
  };
}

/** JSON with every character outside printable ASCII escaped: header values must be ASCII-safe. */
export const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

function problem(error: Error & { status?: number; additional?: { headers?: Record<string, string> } }): Response {
  const headers = new Headers({ ...error.additional?.headers, "content-type": "application/problem+json" });
  return new Response(JSON.stringify(ProblemJsonError.toProblemJson(error)), { status: error.status ?? 500, headers });
}
