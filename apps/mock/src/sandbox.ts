// The sandbox in-process: the engine as a `fetch`, with no port and no process.
import { specFile } from "./bundled-spec.js";
import { createEngine, readOperations } from "./engine.js";
import { createStore } from "./sandbox/store.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Lifetime of the tokens in seconds (`expires_in`). Default 1200, as the API. */
  tokenTtl?: number;
  /** Client id → secret: only these get a token (others: 400 `invalid_client`). Default: any id and secret. */
  credentials?: Record<string, string>;
  /** The clock in milliseconds (default `Date.now`), e.g. to expire tokens in a test without waiting. */
  now?: () => number;
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
let bundledOperations: ReturnType<typeof readOperations> | undefined;

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
  let engine: ReturnType<typeof createEngine> | undefined;
  return {
    async fetch(input, init) {
      if (options.spec === undefined) bundledOperations ??= readOperations(specFile);
      engine ??= createEngine({
        spec: options.spec ?? specFile,
        // A sandbox on its own spec reads it; every sandbox on the bundled one shares one parse.
        ...(options.spec === undefined ? { operations: bundledOperations } : {}),
        mode: "sandbox",
        store,
        tokenTtl: options.tokenTtl ?? 1200,
        credentials: options.credentials && new Map(Object.entries(options.credentials)),
        now: options.now ?? Date.now,
        strict: options.strict,
        warn: options.onWarning,
      });
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      return (await engine)(request);
    },
    reset: () => store.reset(),
  };
}
