// The mock's one engine: a web-standard `(request: Request) => Promise<Response>` around Prism's pipeline
// (route, validate the request, produce the answer, validate the answer). The HTTP server, `createSandbox` and
// the MSW recipe are thin shells around it.
import type {
  getHttpOperationsFromSpec,
  IHttpConfig,
  IHttpRequest,
  IHttpResponse,
  PrismHttpComponents,
} from "@stoplight/prism-http";
import { answerHeaders, apiError, warningHeader } from "./api-answer.js";
import { readBundledOperations, specFile } from "./bundled-spec.js";
import { knownBody, withKnownBody } from "./known-bodies.js";
import { pagedExamples } from "./paged-examples.js";
import { preferencesOf } from "./prefer.js";
import {
  factory,
  forward,
  readSpecOperations,
  route,
  silentLogger,
  validateInput,
  validateOutput,
  validateSecurity,
} from "./prism-components.js";
import { examplesMock, requestRules, type Violation } from "./request-rules.js";
import { routeCandidates } from "./route-candidates.js";
import { formatError, internalError, oauthError } from "./sandbox/answers.js";
import { customerModelOf } from "./sandbox/customer-properties.js";
import { createTokenIssuer, fieldsOf, type TokenIssuer } from "./sandbox/oauth.js";
import { createStatefulMock } from "./sandbox/stateful-mock.js";
import type { CustomerStore } from "./sandbox/store.js";

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
  /**
   * Runs after every request, before its answer goes out: persistence writes the store's changes here, and answers
   * instead (a 500) when they could not be written.
   */
  afterRequest?: (request: Request) => Promise<Response | undefined>;
  /**
   * Refuse what the spec forbids even where the API would accept it (a missing e-mail, an unknown field), instead
   * of carrying it out with a `Warning` header (request-rules.ts).
   */
  strict?: boolean;
  /** Where a warning goes as one line (the mock server: stderr); it names fields and rules, never values. */
  warn?: (line: string) => void;
  /** The sandbox's tokens; an engine rebuilt for a reloaded spec gets the old one's, so its tokens stay valid. */
  tokens?: TokenIssuer;
  /** Told of every internal failure (an answer 500 the engine did not mean to give), for the log. */
  onError?: (error: unknown) => void;
}

/** A web-standard request handler. */
export type Handler = (request: Request) => Promise<Response>;

type Operations = ReturnType<typeof getHttpOperationsFromSpec>;

/** Each read of a spec's operations is a measure of this name on the performance timeline (how often, how long). */
export const operationsRead = "payment-customers-mock:read-operations";

/**
 * Reads the spec's operations: the bundled spec's were computed at build time; any other spec is read by Prism (a
 * second or more: it dereferences the whole document).
 */
export const readOperations = (spec: string | object): Operations => {
  const start = performance.now();
  const read = spec === specFile ? readBundledOperations() : readSpecOperations(spec);
  return read.finally(() => performance.measure(operationsRead, { start }));
};

/** Builds the engine; resolves once the spec is loaded. */
export async function createEngine(options: EngineOptions): Promise<Handler> {
  const { mode, seed, store, afterRequest, strict = false, warn } = options;
  const operations = await (options.operations ?? readOperations(options.spec));
  // Every mode issues real tokens: the static and dynamic modes' examples are not tokens a client can use.
  const tokens =
    options.tokens ??
    createTokenIssuer({ ttlSeconds: options.tokenTtl, credentials: options.credentials, now: options.now });
  const examples = examplesMock(strict);
  const model = customerModelOf(operations, typeof options.spec === "object" ? options.spec : undefined);
  const mock: PrismHttpComponents["mock"] =
    mode === "sandbox"
      ? createStatefulMock({ store, now: options.now, tokens, examples, strict, model, ...requestFields(operations) })
      : withTokens(mode === "dynamic" ? pagedExamples(examples) : examples, tokens);
  const config: IHttpConfig = {
    isProxy: false,
    mock: { dynamic: mode === "dynamic", ...(seed === undefined ? {} : { seed: String(seed) }) },
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
  };
  // Prism's pipeline as its createInstance builds it, from the parts the mock uses (prism-components.ts).
  const prism = factory<Awaited<Operations>[number], IHttpRequest, IHttpResponse, IHttpConfig>(config, {
    // Silent: a request log would carry Authorization headers and personal data from request bodies.
    logger: silentLogger,
    route,
    validateInput,
    validateOutput,
    validateSecurity,
    mock,
    forward,
  });

  const candidates = routeCandidates(operations);

  return async (request) => {
    let url: URL | undefined;
    try {
      url = new URL(request.url);
      const answer = await respond(request, url);
      if (answer instanceof Response) return answer;
      const { tolerated } = requestRules(answer.validations, strict);
      const { output } = answer;
      const headers = answerHeaders(new Headers(output.headers as Record<string, string>));
      if (answer.violations) headers.set("sl-violations", answer.violations);
      if (tolerated.length > 0 && !isTokenPath(url)) {
        headers.set("warning", warningHeader(tolerated));
        for (const { text } of tolerated)
          warn?.(`warning: ${request.method} ${url.pathname}: ${text}; carried out, as the API would`);
      }
      return toResponse({ ...output, headers });
    } catch (error) {
      options.onError?.(error);
      // Nothing a client sends should get here; the answer names no detail of the failure.
      const failure =
        url && isTokenPath(url) ? oauthError("server_error", "The sandbox failed to answer") : internalError();
      return toResponse({ ...failure, statusCode: 500 });
    }
  };

  /**
   * Prism's answer with what the request broke of the spec (for the `Warning`) and, in one header as Prism's server
   * sends it, what the request or the answer broke; or the answer of a failed save, as it is.
   */
  async function respond(
    request: Request,
    url: URL,
  ): Promise<{ output: IHttpResponse; validations: Violation[]; violations?: string } | Response> {
    const token = isTokenPath(url);
    const refuse = (details: string) => ({
      output: token ? oauthError("invalid_request", details) : formatError(details),
      validations: [],
    });
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return refuse("The path is not valid percent-encoding");
    }
    const preferences = preferencesOf(request.headers.get("prefer"), url.searchParams);
    if ("invalid" in preferences) return refuse(preferences.invalid);
    const input = await prismRequest(request, url);
    if (typeof input === "string") return refuse(input);

    const requestConfig = { ...config, mock: { ...config.mock, ...preferences } } as IHttpConfig;
    const result = await prism.request(input, candidates(input.url.path), requestConfig)();
    const notSaved = await afterRequest?.(request);
    if (notSaved) {
      return new Response(notSaved.body, { status: notSaved.status, headers: answerHeaders(notSaved.headers) });
    }
    if (result._tag === "Left") {
      // Prism's negotiator fails without a status when `Prefer` names an answer the spec does not have.
      const asked = preferences.code !== undefined || preferences.exampleKey !== undefined;
      if (asked && (result.left as { status?: number }).status === undefined)
        return refuse("Prefer: the spec documents no answer with this code and example for this operation");
      return { output: apiError(result.left, token), validations: [] };
    }

    const { output, validations } = result.right;
    const violations = [
      ...validations.input.map((v) => ({ ...v, location: ["request", ...(v.path ?? [])] })),
      ...validations.output.map((v) => ({ ...v, location: ["response", ...(v.path ?? [])] })),
    ];
    return {
      output,
      validations: validations.input as Violation[],
      ...(violations.length > 0 ? { violations: asciiJson(violations).slice(0, 8000) } : {}),
    };
  }
}

const isTokenPath = (url: URL) => url.pathname === "/oauth/token";
const otherGrants = new Set(["device", "refresh_token", "appuser"]);

/** One web `Response` for Prism's answer, its body remembered for the HTTP server (known-bodies.ts). */
function toResponse(
  output: Omit<IHttpResponse, "headers"> & { headers?: IHttpResponse["headers"] | Headers },
): Response {
  const body =
    output.body === undefined ? null : typeof output.body === "string" ? output.body : JSON.stringify(output.body);
  const headers =
    output.headers instanceof Headers ? output.headers : new Headers(output.headers as Record<string, string>);
  const response = new Response(body, { status: output.statusCode, headers });
  return body === null ? response : withKnownBody(response, body);
}

/** The static and dynamic modes' mocker, with the token endpoint answered by real tokens (unless `Prefer: code=`). */
function withTokens(mock: PrismHttpComponents["mock"], tokens: TokenIssuer): PrismHttpComponents["mock"] {
  return (options) => {
    if (options.resource.path !== "/oauth/token" || options.config.code !== undefined) return mock(options);
    const request = options.input.data;
    // The device and app-user grants keep the spec's examples: only client credentials has real tokens here.
    if (otherGrants.has(String(fieldsOf(request.body).grant_type))) return mock(options);
    const authorization = request.headers?.authorization;
    return () => ({
      _tag: "Right",
      right: tokens.issue(request.body, Array.isArray(authorization) ? authorization[0] : authorization),
    });
  };
}

/** The contact and address fields of the spec's PUT body: what a PUT that leaves them out sets empty. */
function requestFields(operations: Awaited<ReturnType<typeof getHttpOperationsFromSpec>>): {
  contactFields: string[];
  addressFields: string[];
} {
  type Schema = { properties?: Record<string, Schema> };
  const put = operations.find(
    (operation) => operation.method === "put" && operation.path.startsWith("/api/v2/Payment/Customers/"),
  );
  const schema = put?.request?.body?.contents?.find((content) => content.mediaType === "application/json")?.schema as
    | Schema
    | undefined;
  const contact = schema?.properties?.contact;
  return {
    contactFields: Object.keys(contact?.properties ?? {}),
    addressFields: Object.keys(contact?.properties?.address?.properties ?? {}),
  };
}

const jsonType = /^application\/([\w.+-]*\+)?json(\s*;|$)/i;

/** The request as Prism's pipeline takes it: a parsed JSON body, other bodies as text. */
export async function prismRequest(request: Request, url: URL): Promise<IHttpRequest | string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // The HTTP server's bytes when it built the request (known-bodies.ts): no second read of a web body stream.
  const known = knownBody(request);
  const bytes = known === undefined ? undefined : typeof known === "string" ? new TextEncoder().encode(known) : known;
  const text = bytes ? new TextDecoder().decode(bytes) : request.body ? await request.text() : "";
  let body: unknown = null;
  delete headers["content-length"];
  if (text !== "") {
    headers["content-length"] = String(bytes?.length ?? new TextEncoder().encode(text).length);
    if (jsonType.test(headers["content-type"] ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        return "The body is not valid JSON";
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
