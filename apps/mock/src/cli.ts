#!/usr/bin/env node
// The `payment-customers-mock` command: parses flags, starts the mock, prints how to use it, stops on a signal.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { parseFaults } from "./faults.js";
import type { ProxyOptions } from "./proxy.js";
import type { MockOptions } from "./start-mock.js";

const usage = `Usage: payment-customers-mock [options]
       payment-customers-mock proxy <upstream base URL> [options]

A local sandbox of the secuconnect Payment Customers API: it keeps customers per OAuth client id and answers like
the API, while Prism validates every request and answer against the bundled OpenAPI document. "proxy" forwards
every request to the upstream instead and checks its answers against the document.

Options:
  -p, --port <n>           TCP port, 0 picks a free one                    (default $PORT, else 4010)
  --host <h>               interface to listen on                           (default 127.0.0.1)
  --spec <file>            serve this OpenAPI file (YAML or JSON) instead; reloaded when saved
  --token-ttl <seconds>    lifetime of the sandbox's tokens                 (default 1200)
  --credentials <list>     only these get a token: id:secret,id:secret      (default: any)
  --state <file>           keep the customers in this file across restarts (one mock per file)
  --max-body <bytes>       answer larger request bodies 413, unread          (default 1048576, 1 MiB)
  --seed-data <file>       create these customers at start: {"<client id>": [{"contact": {...}}, ...]}
  --strict                 refuse what the spec forbids but the API accepts (missing e-mail or house
                           number, fields a PUT leaves out, unknown fields); default: carry it out with a
                           Warning header and a line on stderr
  --static                 serve the spec's examples instead (no state)
  --dynamic                generate bodies from the schemas instead (no state)
  --seed <n>               with --dynamic: the same seed gives the same bodies
  --faults <rules>         faults for a share of all requests, e.g. "503:0.1,delay=200:0.5,reset:0.01"
  --fault-seed <n>         the same seed hits the same requests with --faults
  --log-format <f>         text (default) or json: one line per request on stderr
  -q, --quiet              no request lines (internal failures are still logged)
  --cors=false             no CORS headers and no preflight answers          (default true)
  --no-docs                do not serve the API reference page at /
  --errors                 proxy: answer a spec violation with an error instead of passing it on
  -v, --version            print the version
  -h, --help               show this text`;

type Command =
  | { command: "help" | "version" }
  | { command: "mock"; options: MockOptions }
  | { command: "proxy"; upstream: string; options: ProxyOptions };

function parseCommand(args: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      spec: { type: "string" },
      static: { type: "boolean" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      "no-docs": { type: "boolean" },
      "token-ttl": { type: "string" },
      credentials: { type: "string" },
      state: { type: "string" },
      "seed-data": { type: "string" },
      faults: { type: "string" },
      "fault-seed": { type: "string" },
      "log-format": { type: "string" },
      quiet: { type: "boolean", short: "q" },
      cors: { type: "string" },
      errors: { type: "boolean" },
      version: { type: "boolean", short: "v" },
      "max-body": { type: "string" },
      strict: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const [sub, upstream, ...extra] = positionals;
  if (sub !== undefined && sub !== "proxy") throw new Error(`Unknown command "${sub}"; the only command is proxy`);
  if (extra.length > 0) throw new Error(`Unexpected argument "${extra[0]}"`);

  const common: ProxyOptions = {};
  const port = values.port ?? env.PORT;
  if (port !== undefined) common.port = integer(values.port === undefined ? "PORT" : "--port", port, 65535);
  if (values.host !== undefined) common.host = values.host;
  if (values.spec !== undefined) common.spec = values.spec;
  const format = values["log-format"];
  if (format !== undefined && format !== "text" && format !== "json")
    throw new Error(`--log-format must be text or json, got "${format}"`);
  common.log = { format: format ?? "text", quiet: values.quiet ?? false };
  if (values.cors !== undefined) {
    if (values.cors !== "true" && values.cors !== "false")
      throw new Error(`--cors must be true or false (--cors=false), got "${values.cors}"`);
    common.cors = values.cors === "true";
  }

  if (sub === "proxy") {
    if (upstream === undefined)
      throw new Error("proxy needs the upstream base URL, e.g. proxy https://connect-testing.secuconnect.com");
    if (!/^https?:\/\/[^/]/.test(upstream))
      throw new Error(`proxy: the upstream must be an http(s) URL, got "${upstream}"`);
    const modeOnly = [
      "static",
      "dynamic",
      "seed",
      "no-docs",
      "token-ttl",
      "credentials",
      "state",
      "seed-data",
      "faults",
      "fault-seed",
    ] as const;
    for (const flag of modeOnly) if (values[flag] !== undefined) throw new Error(`--${flag} does not apply to proxy`);
    return { command: "proxy", upstream, options: { ...common, errors: values.errors ?? false } };
  }
  if (values.errors) throw new Error("--errors only applies to proxy");

  if (values.static && values.dynamic) throw new Error("--static and --dynamic exclude each other");
  const mode = values.static ? "static" : values.dynamic ? "dynamic" : "sandbox";
  const options: MockOptions = { ...common, mode };
  if (values["no-docs"]) options.docs = false;
  if (values["max-body"] !== undefined)
    options.maxBody = integer("--max-body", values["max-body"], Number.MAX_SAFE_INTEGER);
  if (values.seed !== undefined) {
    if (mode !== "dynamic") throw new Error("--seed only applies with --dynamic");
    options.seed = integer("--seed", values.seed, Number.MAX_SAFE_INTEGER);
  }
  for (const flag of ["token-ttl", "credentials", "state", "seed-data"] as const) {
    if (values[flag] !== undefined && mode !== "sandbox") throw new Error(`--${flag} only applies to the sandbox`);
  }
  if (values["token-ttl"] !== undefined) {
    options.tokenTtl = integer("--token-ttl", values["token-ttl"], 31_536_000);
    if (options.tokenTtl === 0) throw new Error("--token-ttl must be at least 1 second");
  }
  if (values.credentials !== undefined) options.credentials = credentials(values.credentials);
  if (values.state !== undefined) options.state = values.state;
  if (values.strict) options.strict = true;
  if (values["seed-data"] !== undefined) options.seedData = values["seed-data"];
  if (values.faults !== undefined) {
    parseFaults(values.faults); // a bad rule is a bad flag: exit 2 before anything starts
    options.faults = values.faults;
  }
  if (values["fault-seed"] !== undefined) {
    if (values.faults === undefined) throw new Error("--fault-seed only applies with --faults");
    options.faultSeed = integer("--fault-seed", values["fault-seed"], 2 ** 32 - 1);
  }
  return { command: "mock", options };
}

function credentials(text: string): Record<string, string> {
  const pairs = text.split(",").map((pair) => {
    const colon = pair.indexOf(":");
    if (colon < 1 || colon === pair.length - 1)
      throw new Error("--credentials must be id:secret pairs separated by commas");
    return [pair.slice(0, colon), pair.slice(colon + 1)] as const;
  });
  return Object.fromEntries(pairs);
}

function integer(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max)
    throw new Error(`${flag} must be a whole number from 0 to ${max}, got "${text}"`);
  return value;
}

/** The endpoints of the document the mock serves (the bundled one or `--spec`). */
async function endpoints(url: string, file: string): Promise<string[]> {
  const { loadSpec } = await import("./spec-source.js");
  const spec = (await loadSpec(file)).document as { paths: Record<string, Record<string, unknown>> };
  const methods = ["get", "post", "put", "patch", "delete"];
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    methods.filter((method) => method in item).map((method) => `  ${method.toUpperCase().padEnd(7)} ${url}${path}`),
  );
}

function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

/** The banner's token command: one that works, with the first of `--credentials` when they are given. */
function tokenCommand(url: string, options: MockOptions): string {
  const [id, secret] = Object.entries(options.credentials ?? { demo: "demo" })[0] ?? ["demo", "demo"];
  const quote = (value: string) => (/^[\w.-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
  return `curl -s ${url}/oauth/token -d grant_type=client_credentials -d client_id=${quote(id)} -d client_secret=${quote(secret)}`;
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`payment-customers-mock: ${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (command.command === "help") {
    console.log(usage);
    return;
  }
  if (command.command === "version") {
    console.log(version());
    return;
  }

  // Signals are handled before anything starts: a Ctrl+C (or a test's SIGTERM) at any moment stops cleanly.
  let server: { close(): Promise<void> } | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      (server?.close() ?? Promise.resolve()).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  const fail = (error: Error): undefined => {
    const hint = error.message.includes("EADDRINUSE")
      ? " (the port is taken: stop the other server or use --port)"
      : "";
    console.error(`payment-customers-mock: ${error.message}${hint}`);
    process.exitCode = 1;
    return undefined;
  };

  if (command.command === "proxy") {
    // Prism's index loads its mocker, and with it every locale of faker, which the proxy never calls: the stand-ins
    // go into the require cache before the proxy's import of Prism (as a mock's start puts them).
    (await import("./deferred-modules.js")).deferPrismModules();
    const { startProxy } = await import("./proxy.js");
    const proxy = await startProxy(command.upstream, command.options).catch(fail);
    if (!proxy) return;
    server = proxy;
    console.log(`Payment Customers validation proxy listening on ${proxy.url} and forwarding to ${command.upstream}
Every request and answer is checked against the spec; violations go to the sl-violations header and the log${
      command.options.errors ? ",\nand a violation answers an error instead of the upstream's answer" : ""
    }.
Point your client's base URL at ${proxy.url} instead of ${command.upstream}.

Press Ctrl+C to stop.`);
    return;
  }

  if (command.command !== "mock") return;
  const { options } = command;
  // Loaded only now: the server modules are not needed for --help, --version or a bad flag.
  const { specFile, startMock } = await import("./start-mock.js");
  const mock = await startMock(options).catch(fail);
  if (!mock) return;
  server = mock;

  const mode =
    options.mode === "static"
      ? "static examples"
      : options.mode === "dynamic"
        ? `dynamic bodies${options.seed === undefined ? "" : `, seed ${options.seed}`}`
        : `sandbox${options.state === undefined ? ", in memory" : `, state in ${options.state}`}`;
  const tokenHint =
    options.mode === "sandbox"
      ? options.credentials
        ? "Get a token (only the client ids and secrets given with --credentials work):"
        : "Get a token (any client id and secret work; each client id is its own merchant with its own customers):"
      : "Get a token (any client id and secret work):";
  const preferHint =
    options.mode === "sandbox"
      ? 'Test your error paths with a header, e.g. "Prefer: code=503" or "Prefer: delay=2000" (the state stays untouched).'
      : 'Pick a documented answer with a header, e.g. "Prefer: code=404" or "Prefer: example=company".';
  const docs =
    options.docs === false ? "" : `\nAPI reference (open it in a browser, try requests there): ${mock.url}/\n`;
  const spec = options.spec === undefined ? "" : `\nServing ${options.spec} (reloaded when saved)\n`;
  const faults = options.faults === undefined ? "" : `\nFaults for a share of all requests: ${options.faults}\n`;
  console.log(`Payment Customers mock listening on ${mock.url} (${mode})
${docs}${spec}${faults}
Endpoints:
${(await endpoints(mock.url, options.spec ?? specFile)).join("\n")}

${tokenHint}
  ${tokenCommand(mock.url, options)}
Then call the API with it:
  curl -s ${mock.url}/api/v2/Payment/Customers -H "Authorization: Bearer <access_token>"
${preferHint}
Control (no token; only where the mock listens): ${mock.url}/__sandbox/health, POST ${mock.url}/__sandbox/reset

Press Ctrl+C to stop.`);
}

await main();
