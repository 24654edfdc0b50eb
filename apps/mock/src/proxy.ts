// `payment-customers-mock proxy <upstream>`: forwards every request to the upstream (the real API) through Prism's
// forwarder and validates the request and the upstream's answer against the spec, as `prism proxy` does. What
// breaks the spec goes to the answer's `sl-violations` header and to the (redacted) request log.
import type { AddressInfo } from "node:net";
import { createLogger } from "@stoplight/prism-core";
import { createInstance, type IHttpConfig, ProblemJsonError } from "@stoplight/prism-http";
import { specFile } from "./bundled-spec.js";
import { asciiJson, type Handler, prismRequest, readOperations } from "./engine.js";
import { createHttpServer } from "./http-server.js";
import { plainRequestOf } from "./plain-messages.js";
import { createLog, type LogOptions, withRequestLog } from "./request-log.js";
import { loadSpec } from "./spec-source.js";

export interface ProxyOptions {
  port?: number;
  host?: string;
  /** The OpenAPI file to check against; default the bundled spec. */
  spec?: string;
  /** A violation answers an error instead of the upstream's answer: 422 for the request, 502 for the answer. */
  errors?: boolean;
  log?: LogOptions;
  cors?: boolean;
}

const errorSeverity = 0; // DiagnosticSeverity.Error of @stoplight/types

/** The proxy as a web-standard handler. */
export async function createProxy(upstream: string, options: ProxyOptions = {}): Promise<Handler> {
  const { document } = await loadSpec(options.spec ?? specFile);
  // The bundled spec's operations come from the build, as for the mock: Prism would dereference the whole document.
  const operations = await readOperations(options.spec === undefined ? specFile : document);
  const config: IHttpConfig = {
    isProxy: true,
    upstream: new URL(upstream),
    upstreamProxy: undefined,
    mock: { dynamic: false },
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    // Prism forwards every request; a violation becomes an error here, where both directions are known.
    errors: false,
  };
  // Silent: Prism's own log would carry the Authorization header and the bodies.
  const prism = createInstance(config, { logger: createLogger("payment-customers-proxy", { level: "silent" }) });

  return async (request) => {
    const input = prismRequest(await plainRequestOf(request));
    if (typeof input === "string")
      return Response.json(
        { title: input, status: 400 },
        { status: 400, headers: { "content-type": "application/problem+json" } },
      );
    const result = await prism.request(input, operations, config)();
    if (result._tag === "Left") return problem(result.left as Error & { status?: number });
    const { output, validations } = result.right;
    const violations = [
      ...validations.input.map((v) => ({ ...v, location: ["request", ...(v.path ?? [])] })),
      ...validations.output.map((v) => ({ ...v, location: ["response", ...(v.path ?? [])] })),
    ];
    const headers = new Headers(output.headers as Record<string, string>);
    // The forwarder has decoded the body: its original length and encoding no longer apply.
    for (const name of ["content-length", "content-encoding", "transfer-encoding"]) headers.delete(name);
    if (violations.length > 0) headers.set("sl-violations", asciiJson(violations).slice(0, 8000));
    if (options.errors) {
      const failed = (side: string) => violations.filter((v) => v.severity === errorSeverity && v.location[0] === side);
      if (failed("request").length > 0)
        return violationProblem(422, "The request breaks the spec", failed("request"), headers);
      if (failed("response").length > 0)
        return violationProblem(502, "The upstream's answer breaks the spec", failed("response"), headers);
    }
    const body =
      output.body === undefined ? null : typeof output.body === "string" ? output.body : JSON.stringify(output.body);
    return new Response(body, { status: output.statusCode, headers });
  };
}

/** Starts the proxy server; resolves once it listens. */
export async function startProxy(
  upstream: string,
  options: ProxyOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const { port = 4010, host = "127.0.0.1" } = options;
  const log = createLog(options.log ?? { quiet: true });
  const handle = withRequestLog(await createProxy(upstream, options), log);
  const server = createHttpServer(handle, { maxBody: Number.MAX_SAFE_INTEGER, cors: options.cors ?? true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`The proxy cannot listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function violationProblem(status: number, title: string, validation: unknown[], headers: Headers): Response {
  const answer = new Headers({ "content-type": "application/problem+json" });
  const violations = headers.get("sl-violations");
  if (violations) answer.set("sl-violations", violations);
  return new Response(
    JSON.stringify({ type: "https://stoplight.io/prism/errors#VIOLATIONS", title, status, validation }),
    { status, headers: answer },
  );
}

function problem(error: Error & { status?: number }): Response {
  // An upstream that cannot be reached is the gateway's failure (502), not the proxy's own (500).
  const status = error.status ?? 502;
  return new Response(JSON.stringify({ ...ProblemJsonError.toProblemJson(error), status }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}
