// The sandbox in-process: the engine as a `fetch`, with no port and no process.
import { specFile } from "./bundled-spec.js";
import type { Handler } from "./engine.js";
import { createStore } from "./sandbox/store.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Lifetime of the tokens in seconds (`expires_in`). Default 1200, as the API. */
  tokenTtl?: number;
  /** Client id → secret: only these get a token (others: 400 `invalid_client`). Default: any id and secret. */
  credentials?: Record<string, string>;
  /** The clock in milliseconds (default `Date.now`), e.g. to expire tokens in a test without waiting. */
  now?: () => number;
}

/** A sandbox of the Payment Customers API in this process. */
export interface Sandbox {
  /** Answers exactly like the mock server; pass it as the client's `fetch`. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Empties the sandbox: every merchant's customers are gone (tokens stay valid). */
  reset(): void;
}

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
  return {
    async fetch(input, init) {
      // Prism loads with the first request, not with this package: importing it stays fast.
      engine ??= import("./engine.js").then(({ createEngine }) =>
        createEngine({
          spec: specFile,
          mode: "sandbox",
          store,
          tokenTtl: options.tokenTtl ?? 1200,
          credentials: options.credentials && new Map(Object.entries(options.credentials)),
          now: options.now ?? Date.now,
        }),
      );
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      return (await engine)(request);
    },
    reset: () => store.reset(),
  };
}
