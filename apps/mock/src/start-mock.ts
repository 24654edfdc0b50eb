import type { AddressInfo } from "node:net";
import { defaultMaxBody } from "./body-limit.js";
import { specFile } from "./bundled-spec.js";
import { controlRoute } from "./control-routes.js";
import type { Engine, Handler, MockMode } from "./engine.js";
import { type FaultRule, parseFaults, withFaults } from "./faults.js";
import { createHttpServer } from "./http-server.js";
import type { PlainRequest } from "./plain-messages.js";
import { createLog, type LogOptions, withPlainRequestLog, withRequestLog } from "./request-log.js";
import { createTokenIssuer } from "./sandbox/oauth.js";
import { createStore } from "./sandbox/store.js";
import { createSeeder, readSeedData, type SeedData } from "./seed-data.js";
import { specRoute } from "./spec-route.js";
import { openStateFile } from "./state-file.js";

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
  /**
   * Sandbox: a file that keeps the customers across restarts (created when missing; its folder must exist). One
   * mock at a time uses a file (a lock next to it); every change is on disk before its answer goes out.
   */
  state?: string;
  /** Largest request body in bytes; a larger one is answered 413 unread. Default 1 MiB (1048576). */
  maxBody?: number;
  /** Serve the API reference page at `/` (and the client reference at `/client/`). Default `true`. */
  docs?: boolean;
  /**
   * An OpenAPI 3 file (YAML or JSON; local `$ref`s to other files are followed) to serve instead of the bundled
   * spec. It is watched: a save reloads it (the sandbox keeps its customers and tokens); a file that fails to load
   * leaves the last good one serving, and the log says why.
   */
  spec?: string;
  /** The log on stderr. Default for `startMock`: `{ quiet: true }` (internal failures and reloads only). */
  log?: LogOptions;
  /** Faults for a share of all API requests: `"503:0.1,delay=200:0.5,reset:0.01"` or the parsed rules. */
  faults?: string | FaultRule[];
  /** Seed of `faults`: the same seed hits the same requests. Default: random. */
  faultSeed?: number;
  /** Sandbox: customers to create at start, per client id: a JSON file's path or the data itself. */
  seedData?: string | SeedData;
  /** CORS headers and preflight answers, as Prism's server. Default `true`. */
  cors?: boolean;
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
 * Starts the mock server on the bundled Payment Customers spec (or `spec`), in this process. Resolves once the
 * server answers.
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
  if (options.maxBody !== undefined && !(Number.isSafeInteger(options.maxBody) && options.maxBody >= 0))
    throw new TypeError("startMock: `maxBody` must be a whole number of bytes");

  if (options.seedData !== undefined && mode !== "sandbox")
    throw new TypeError('startMock: `seedData` only applies with mode "sandbox"');
  const rules = typeof options.faults === "string" ? parseFaults(options.faults) : options.faults;
  const log = createLog(options.log ?? { quiet: true });
  const seedData = typeof options.seedData === "string" ? await readSeedData(options.seedData) : options.seedData;

  const source = options.spec ?? specFile;
  // Loaded with the first start, not with the package: importing it stays fast (so does createSandbox).
  const { loadSpec, watchFiles } = await import("./spec-source.js");
  let spec = await loadSpec(source).catch((error: Error) => {
    throw new Error(`The spec ${source} cannot be loaded: ${error.message}`);
  });
  const stateFile = state === undefined ? undefined : await openStateFile(state);
  const store = stateFile?.store ?? createStore();
  const persist = stateFile?.afterRequest;
  const credentials = options.credentials && new Map(Object.entries(options.credentials));
  const tokens = createTokenIssuer({ ttlSeconds: options.tokenTtl ?? 1200, credentials, now: Date.now });
  // Prism takes a while to load: only a start waits for it, not an import of this package.
  (await import("./deferred-modules.js")).deferPrismModules();
  const { createEngine, readOperations } = await import("./engine.js");
  const build = (document: object) =>
    createEngine({
      // The bundled spec's operations come from the build; Prism reads any other spec, dereferencing the document
      // it is given in place: it gets a copy, /openapi.json serves the original.
      ...(options.spec === undefined
        ? { spec: document, operations: readOperations(specFile) }
        : { spec: structuredClone(document) }),
      mode,
      seed,
      store,
      tokenTtl: options.tokenTtl ?? 1200,
      credentials,
      tokens,
      now: Date.now,
      afterRequest: persist,
      strict: options.strict,
      warn: (line) => process.stderr.write(`payment-customers-mock: ${line}\n`),
      onError: (error) => log.failure(error),
    });
  let engine: Engine = await build(spec.document);

  const seeder = createSeeder(() => engine, tokens, credentials);
  for (const [merchant, customers] of Object.entries(seedData ?? {})) {
    await seeder.seed(merchant, customers).catch((error: Error & { answer?: unknown }) => {
      throw new Error(`--seed-data: ${error.message}${error.answer ? `: ${JSON.stringify(error.answer)}` : ""}`);
    });
  }

  let url = "";
  const routes = [
    controlRoute({ mode, store, seeder, specFile: source, afterChange: async () => stateFile?.flush() }),
    specRoute(
      () => spec.document,
      () => url,
    ),
  ];
  if (docs) routes.push((await import("./docs-route.js")).docsRoute);
  const api = withFaults((request) => engine(request), {
    mode,
    document: () => spec.document,
    rules,
    seed: options.faultSeed,
  });
  const routed: Handler = async (request) => {
    for (const route of routes) {
      const answer = await route(request);
      if (answer) return answer;
    }
    return api(request);
  };
  // The API's requests go to the engine as plain requests, unless a fault can hit them (a `Prefer` header, the
  // `--faults` rules): those, the control, spec and docs routes take the web path through `routed`.
  const direct = async (request: PlainRequest) => {
    const { pathname } = request.url;
    const api = pathname.startsWith("/api/") || pathname === "/oauth/token";
    return api && !request.headers.prefer && !rules?.length ? engine.answer(request) : undefined;
  };
  // The log starts with the first request after start-up: the readiness probe below is not the user's.
  let handle = routed;
  let plain = direct;
  const server = createHttpServer((request) => handle(request), {
    maxBody: options.maxBody ?? defaultMaxBody,
    cors: options.cors ?? true,
    plain: (request) => plain(request),
  });

  // A reload swaps the engine only once the new document has loaded and built: requests in between, and after a
  // failed load, get the last good one.
  let reloading = Promise.resolve();
  const watcher =
    options.spec === undefined
      ? undefined
      : watchFiles(spec.files, () => {
          reloading = reloading.then(async () => {
            try {
              const next = await loadSpec(source);
              engine = await build(next.document);
              spec = next;
              log.info(`spec reloaded from ${source} (${Object.keys(next.document.paths).length} paths)`);
            } catch (error) {
              log.info(`spec ${source} not reloaded, the last good one keeps serving: ${(error as Error).message}`);
            }
            watcher?.update(spec.files);
          });
        });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`The mock server cannot listen on ${host}:${port}: ${error.message}`)),
    );
    server.listen(port, host, resolve);
  }).catch(async (error: unknown) => {
    watcher?.close();
    await stateFile?.close();
    throw error;
  });
  const { port: actualPort } = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      watcher?.close();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }).finally(() => stateFile?.close());
    return closing;
  };

  try {
    // Resolve only once a request gets an answer (any status).
    const response = await fetch(`${url}/__sandbox/health`, { method: "HEAD", signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
  } catch (error) {
    await close();
    throw new Error(`The mock server at ${url} did not answer`, { cause: error });
  }
  handle = withRequestLog(routed, log);
  plain = withPlainRequestLog(direct, log);
  return {
    url,
    close,
    async reset() {
      store.reset();
      await stateFile?.flush();
    },
  };
}
