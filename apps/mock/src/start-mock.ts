import { fileURLToPath } from "node:url";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { createDocsServer } from "./docs-route.js";
import { mockWithUnprocessableEntity } from "./unprocessable-entity.js";

/** Options of {@link startMock}; the same as the `payment-customers-mock` flags. */
export interface MockOptions {
  /** TCP port; `0` picks a free one (use that in tests). Default `4010`. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Generate response bodies from the schemas instead of serving the spec's examples. Default `false`. */
  dynamic?: boolean;
  /** Seed for `dynamic`: the same seed gives the same bodies. */
  seed?: number;
  /** Serve the API reference page at `/` (and the client reference at `/client/`). Default `true`. */
  docs?: boolean;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the server and frees its port. Safe to call more than once. */
  close(): Promise<void>;
}

/** The bundled spec, copied next to this module at build time. */
export const specFile: string = fileURLToPath(new URL("./openapi.json", import.meta.url));

/**
 * Starts Prism on the bundled Payment Customers spec, in this process. Resolves once the server answers.
 *
 * @example
 * const mock = await startMock({ port: 0 });
 * await fetch(`${mock.url}/oauth/token`, { method: "POST", body: new URLSearchParams({ ... }) });
 * await mock.close();
 */
export async function startMock(options: MockOptions = {}): Promise<MockServer> {
  const { port = 4010, host = "127.0.0.1", dynamic = false, seed, docs = true } = options;
  if (seed !== undefined && !dynamic) throw new TypeError("startMock: `seed` only applies with `dynamic: true`");

  const operations = await getHttpOperationsFromSpec(specFile);
  const server = createServer(operations, {
    cors: true,
    config: {
      isProxy: false,
      mock: { dynamic, ...(seed === undefined ? {} : { seed: String(seed) }) },
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
    },
    // Silent: Prism's request log would carry Authorization headers and personal data from request bodies.
    components: {
      logger: createLogger("payment-customers-mock", { level: "silent" }),
      mock: mockWithUnprocessableEntity,
    },
  });

  const cannotListen = (message: unknown) => {
    throw new Error(`The mock server cannot listen on ${host}:${port}: ${String(message)}`);
  };
  // With the docs, Prism listens on an inner port and a small server in front answers the pages (docs-route.ts).
  const address = await (docs ? server.listen(0, "127.0.0.1") : server.listen(port, host).catch(cannotListen));
  const portOf = (text: string) => Number(text.slice(text.lastIndexOf(":") + 1));
  const front = docs ? createDocsServer(portOf(address)) : undefined;
  if (front) {
    await new Promise<void>((resolve, reject) => {
      front.once("error", reject).listen(port, host, resolve);
    }).catch(async (error: Error) => {
      await server.close();
      cannotListen(error.message);
    });
  }
  const listening = front?.address();
  const publicPort = listening && typeof listening === "object" ? listening.port : portOf(address);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${publicPort}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (front) await new Promise((resolve) => front.close(resolve));
      await server.close();
    })();
    return closing;
  };

  try {
    // Resolve only once a request gets an answer (any status: without the docs, `/` answers 404).
    const response = await fetch(`${url}/`, { method: "HEAD", signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
  } catch (error) {
    await close();
    throw new Error(`The mock server at ${url} did not answer`, { cause: error });
  }
  return { url, close };
}
