import type { AddressInfo } from "node:net";
import { specFile } from "./bundled-spec.js";
import { docsRoute } from "./docs-route.js";
import { createEngine, type MockMode } from "./engine.js";
import { createHttpServer } from "./http-server.js";
import { createStore } from "./sandbox/store.js";
import { loadState, stateWriter } from "./state-file.js";

export { specFile };

/** Options of {@link startMock}; the same as the `payment-customers-mock` flags. */
export interface MockOptions {
  /** TCP port; `0` picks a free one (use that in tests). Default `4010`. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * `sandbox` (default) keeps customers and answers like the API; `static` serves the spec's examples;
   * `dynamic` generates bodies from the schemas.
   */
  mode?: MockMode;
  /** Seed for `dynamic`: the same seed gives the same bodies. */
  seed?: number;
  /** Sandbox: token lifetime in seconds. Default 1200, as the API. */
  tokenTtl?: number;
  /** Sandbox: client id → secret; only these get a token. Default: any id and secret. */
  credentials?: Record<string, string>;
  /** Sandbox: a JSON file that keeps the customers across restarts (created when missing). */
  state?: string;
  /** Serve the API reference page at `/` (and the client reference at `/client/`). Default `true`. */
  docs?: boolean;
  /**
   * Refuse (400 `ProductFormatException`) what the spec forbids but the API accepts: a create without e-mail or
   * house number, a PUT that leaves fields out, unknown fields. Default `false`: such a request is carried out, with
   * a `Warning` header on the answer and a line on stderr.
   */
  strict?: boolean;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the server and frees its port. Safe to call more than once. */
  close(): Promise<void>;
  /** Empties the sandbox (and its state file): every merchant's customers are gone. */
  reset(): Promise<void>;
}

/**
 * Starts the mock server on the bundled Payment Customers spec, in this process. Resolves once the server answers.
 *
 * @example
 * const mock = await startMock({ port: 0 }); // the sandbox; { mode: "static" } serves the spec's examples
 * await fetch(`${mock.url}/oauth/token`, { method: "POST", body: new URLSearchParams({ ... }) });
 * await mock.close();
 */
export async function startMock(options: MockOptions = {}): Promise<MockServer> {
  const { port = 4010, host = "127.0.0.1", mode = "sandbox", seed, state, docs = true } = options;
  if (seed !== undefined && mode !== "dynamic")
    throw new TypeError('startMock: `seed` only applies with mode "dynamic"');
  if (state !== undefined && mode !== "sandbox")
    throw new TypeError('startMock: `state` only applies with mode "sandbox"');

  const store = createStore(state === undefined ? {} : await loadState(state));
  const persist = state === undefined ? undefined : stateWriter(state, store);
  const engine = await createEngine({
    spec: specFile,
    mode,
    seed,
    store,
    tokenTtl: options.tokenTtl ?? 1200,
    credentials: options.credentials && new Map(Object.entries(options.credentials)),
    now: Date.now,
    afterRequest: persist,
    strict: options.strict,
    warn: (line) => process.stderr.write(`payment-customers-mock: ${line}\n`),
  });
  // The one place a route can go in front of the engine: the API reference page at `/` (docs-route.ts).
  const handle = docs ? async (request: Request) => (await docsRoute(request)) ?? engine(request) : engine;
  const server = createHttpServer(handle);

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`The mock server cannot listen on ${host}:${port}: ${error.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  try {
    // Resolve only once a request gets an answer (any status: without the docs, `/` answers 404).
    const response = await fetch(`${url}/`, { method: "HEAD", signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
  } catch (error) {
    await close();
    throw new Error(`The mock server at ${url} did not answer`, { cause: error });
  }
  return {
    url,
    close,
    async reset() {
      store.reset();
      await persist?.();
    },
  };
}
