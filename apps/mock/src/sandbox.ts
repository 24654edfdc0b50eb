// The sandbox in-process: the engine as a `fetch`, with no port and no process.
import { readFile } from "node:fs/promises";
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
      engine ??= import("./lazy-faker.js")
        .then(({ deferFaker }) => deferFaker())
        .then(() => Promise.all([import("./engine.js"), import("./faults.js"), readFile(specFile, "utf8")]))
        .then(async ([{ createEngine }, { withFaults }, text]) => {
          const handler = await createEngine({
            spec: specFile,
            mode: "sandbox",
            store,
            tokenTtl: options.tokenTtl ?? 1200,
            credentials: options.credentials && new Map(Object.entries(options.credentials)),
            now: options.now ?? Date.now,
          });
          // The same `Prefer` faults as the server; a reset rejects as a dropped connection does in `fetch`.
          const document = JSON.parse(text) as OpenApiDocument;
          return withFaults(handler, { mode: "sandbox", document: () => document });
        });
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      return (await engine)(request);
    },
    reset: () => store.reset(),
  };
}
