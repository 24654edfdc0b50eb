// The mock's one engine around Prism's pipeline (route, validate the request, produce the answer, validate the
// answer): `answer` takes and gives plain values (plain-messages.ts), what the HTTP server reads from and writes to
// Node's messages; the engine itself is a web-standard `(request: Request) => Promise<Response>` adapter over it,
// for `createSandbox`, the MSW recipe and the requests the server hands the web handlers (faults, control routes).
import type {
  getHttpOperationsFromSpec,
  IHttpConfig,
  IHttpRequest,
  IHttpResponse,
  PrismHttpComponents,
} from "@stoplight/prism-http";
import { answerHeaderRecord, apiError, headerRecord, warningHeader } from "./api-answer.js";
import { readBundledOperations, specFile } from "./bundled-spec.js";
import { withMergedSlashes } from "./merged-slashes.js";
import { pagedExamples } from "./paged-examples.js";
import { withPassingOutputValidation, withPassingSecurity } from "./passing-validation.js";
import { type PlainAnswer, type PlainRequest, plainAnswerOf, plainRequestOf, webResponseOf } from "./plain-messages.js";
import { withPlainRoute } from "./plain-route.js";
import { preferencesOf } from "./prefer.js";
import {
  PathTemplate,
  parameterValidators,
  readSpecOperations,
  route,
  silentLogger,
  validateInput,
  validateOutput,
  validateSecurity,
} from "./prism-components.js";
import { factoryPipeline, prismPipeline, withPassingInputValidation } from "./prism-pipeline.js";
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
  afterRequest?: (request: { method: string; url: URL }) => Promise<Response | undefined>;
  /**
   * Refuse what the spec forbids even where the API would accept it (a missing e-mail, an unknown field), instead
   * of carrying it out with a `Warning` header (request-rules.ts).
   */
  strict?: boolean;
  /** Where a warning goes as one line (the mock server: stderr); it names fields and rules, never values. */
  warn?: (line: string) => void;
  /** The sandbox's tokens; an engine rebuilt for a reloaded spec gets the old one's, so its tokens stay valid. */
  tokens?: TokenIssuer;
  /**
   * `factory`: Prism's own pipeline instead of the straight one (prism-pipeline.ts), the reference of the test that
   * compares the two.
   */
  pipeline?: "factory";
  /** Told of every internal failure (an answer 500 the engine did not mean to give), for the log. */
  onError?: (error: unknown) => void;
}

/** A web-standard request handler. */
export type Handler = (request: Request) => Promise<Response>;

/** The engine: a web handler, and the same answers for the HTTP server's plain requests (plain-messages.ts). */
export interface Engine extends Handler {
  answer(request: PlainRequest): Promise<PlainAnswer>;
}

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
export async function createEngine(options: EngineOptions): Promise<Engine> {
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
  // Prism's pipeline from the parts the mock uses (prism-components.ts), as its createInstance builds it.
  const components = {
    // Silent: a request log would carry Authorization headers and personal data from request bodies.
    logger: silentLogger,
    ...{ route, validateInput, validateOutput, validateSecurity, mock },
  };
  const prism =
    options.pipeline === "factory"
      ? factoryPipeline(components)
      : prismPipeline({
          ...components,
          route: withPlainRoute(route),
          validateInput: withPassingInputValidation(validateInput, parameterValidators, PathTemplate),
          validateOutput: withPassingOutputValidation(validateOutput),
          validateSecurity: withPassingSecurity(validateSecurity),
        });

  const candidates = routeCandidates(operations);

  const answer = async (sent: PlainRequest): Promise<PlainAnswer> => {
    const request = withMergedSlashes(sent);
    const { url } = request;
    try {
      const answer = await respond(request);
      if (!("output" in answer)) return answer;
      const { tolerated } = requestRules(answer.validations, strict);
      const { output } = answer;
      const headers = answerHeaderRecord(output.headers);
      if (answer.violations) headers["sl-violations"] = answer.violations;
      if (tolerated.length > 0 && !isTokenPath(url)) {
        headers.warning = warningHeader(tolerated);
        for (const { text } of tolerated)
          warn?.(`warning: ${request.method} ${url.pathname}: ${text}; carried out, as the API would`);
      }
      return plainAnswer(output, headers);
    } catch (error) {
      options.onError?.(error);
      return failed(url);
    }
  };
  const handler: Handler = async (request) => {
    let plain: PlainRequest;
    try {
      plain = await plainRequestOf(request);
    } catch (error) {
      options.onError?.(error);
      return webResponseOf(failed(URL.canParse(request.url) ? new URL(request.url) : undefined));
    }
    return webResponseOf(await answer(plain));
  };
  return Object.assign(handler, { answer });

  /**
   * Prism's answer with what the request broke of the spec (for the `Warning`) and, in one header as Prism's server
   * sends it, what the request or the answer broke; or the answer of a failed save, as it is.
   */
  async function respond(
    request: PlainRequest,
  ): Promise<{ output: IHttpResponse; validations: Violation[]; violations?: string } | PlainAnswer> {
    const { url } = request;
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
    const preferences = preferencesOf(request.headers.prefer ?? null, url.searchParams);
    if ("invalid" in preferences) return refuse(preferences.invalid);
    const input = prismRequest(request);
    if (typeof input === "string") return refuse(input);

    const requestConfig = { ...config, mock: { ...config.mock, ...preferences } } as IHttpConfig;
    const result = await prism(input, candidates(input.url.path), requestConfig);
    // The method and the URL are all the hook reads: no web `Request` is built for it on every request.
    const notSaved = afterRequest && (await afterRequest(request));
    if (notSaved) {
      const answer = await plainAnswerOf(notSaved);
      return { ...answer, headers: answerHeaderRecord(answer.headers) };
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

/** The answer to a request the engine failed on: nothing a client sends should get here, and it names no detail. */
function failed(url: URL | undefined): PlainAnswer {
  const failure =
    url && isTokenPath(url) ? oauthError("server_error", "The sandbox failed to answer") : internalError();
  return plainAnswer({ ...failure, statusCode: 500 }, headerRecord(failure.headers));
}

const isTokenPath = (url: URL) => url.pathname === "/oauth/token";
const otherGrants = new Set(["device", "refresh_token", "appuser"]);

/** Prism's answer as the engine's plain answer, its body as text. */
function plainAnswer(output: IHttpResponse, headers: Record<string, string>): PlainAnswer {
  if (output.body === undefined) return { status: output.statusCode, headers };
  const body = typeof output.body === "string" ? output.body : JSON.stringify(output.body);
  return { status: output.statusCode, headers, body };
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

const decoder = new TextDecoder();

/** The request as Prism's pipeline takes it: a parsed JSON body, other bodies as text. */
export function prismRequest(request: PlainRequest): IHttpRequest | string {
  const { url, body: bytes } = request;
  const headers = { ...request.headers };
  const text = bytes ? decoder.decode(bytes) : "";
  let body: unknown = null;
  delete headers["content-length"];
  if (text !== "") {
    headers["content-length"] = String(bytes?.length);
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
  if (url.search !== "") {
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? (values[0] as string) : values;
    }
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
