// The sandbox in-process: the engine as a `fetch`, with no port and no process.
import { defaultMaxBody, readRequestBody } from "./body-limit.js";
import { specFile } from "./bundled-spec.js";
import type { Handler } from "./engine.js";
import { createStore } from "./sandbox/store.js";
import type { OpenApiDocument } from "./spec-source.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Lifetime of the tokens in seconds (`expires_in`). Default 1200, as the API. */
  tokenTtl?: number;
  /** Client id → secret: only these get a token (others: 400 `invalid_client`). Default: any id and secret. */
  credentials?: Record<string, string>;
  /** The clock in milliseconds (default `Date.now`), e.g. to expire tokens in a test without waiting. */
  now?: () => number;
  /** Largest request body in bytes; a larger one is answered 413 unread, as the server does. Default 1 MiB. */
  maxBody?: number;
  /**
   * The OpenAPI document to serve: a file path or the parsed document. Default: the bundled spec. The sandbox
   * reads its model from it (what `q`, `sort` and `fields` may name, the largest page).
   * @internal
   */
  spec?: string | object;
  /**
   * Refuse what the spec forbids but the API accepts (a create without e-mail, a PUT that leaves fields out, unknown
   * fields). Default `false`: carried out, with a `Warning` header on the answer.
   */
  strict?: boolean;
  /** Receives one line per such warning (fields and rules, never values). Default: none. */
  onWarning?: (line: string) => void;
}

/** A sandbox of the Payment Customers API in this process. */
export interface Sandbox {
  /** Answers exactly like the mock server; pass it as the client's `fetch`. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Empties the sandbox: every merchant's customers are gone (tokens stay valid). */
  reset(): void;
}

// Every sandbox of the process serves the same bundled spec: it is read once, on the first request of the first.
let bundledOperations: ReturnType<typeof import("./engine.js")["readOperations"]> | undefined;
let bundledDocument: Promise<OpenApiDocument> | undefined;

/**
 * Creates a stateful sandbox of the API in this process. The spec loads on the first request.
 *
 * @example
 * const sandbox = createSandbox();
 * const client = createPaymentCustomersClient({
 *   environment: "http://sandbox.local", clientId: "id", clientSecret: "secret", fetch: sandbox.fetch,
 * });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const store = createStore();
  let engine: Promise<Handler> | undefined;
  // Prism loads with the first request, not with this package: importing it stays fast.
  const build = async (): Promise<Handler> => {
    (await import("./deferred-modules.js")).deferPrismModules();
    const [{ createEngine, readOperations }, { withFaults }, { loadSpec }] = await Promise.all([
      import("./engine.js"),
      import("./faults.js"),
      import("./spec-source.js"),
    ]);
    const spec = options.spec ?? specFile;
    // A sandbox on its own spec reads it; every sandbox on the bundled one shares one parse.
    if (options.spec === undefined) {
      bundledOperations ??= readOperations(specFile);
      bundledDocument ??= loadSpec(specFile).then((loaded) => loaded.document);
    }
    const handler = await createEngine({
      spec,
      ...(options.spec === undefined ? { operations: bundledOperations } : {}),
      mode: "sandbox",
      store,
      tokenTtl: options.tokenTtl ?? 1200,
      credentials: options.credentials && new Map(Object.entries(options.credentials)),
      now: options.now ?? Date.now,
      strict: options.strict,
      warn: options.onWarning,
    });
    // The same `Prefer` faults as the server; a reset rejects as a dropped connection does in `fetch`.
    const document =
      typeof spec === "object"
        ? (spec as OpenApiDocument)
        : ((await (options.spec === undefined
            ? bundledDocument
            : loadSpec(spec).then((loaded) => loaded.document))) as OpenApiDocument);
    return withFaults(handler, { mode: "sandbox", document: () => document });
  };
  return {
    async fetch(input, init) {
      engine ??= build();
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const read = await readRequestBody(request, options.maxBody ?? defaultMaxBody);
      return read instanceof Response ? read : (await engine)(read);
    },
    reset: () => store.reset(),
  };
}
