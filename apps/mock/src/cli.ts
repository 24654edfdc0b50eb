#!/usr/bin/env node
// The `payment-customers-mock` command: parses flags, starts the mock, prints how to use it, stops on a signal.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { MockOptions, MockServer } from "./start-mock.js";

const usage = `Usage: payment-customers-mock [options]

A local sandbox of the secuconnect Payment Customers API: it keeps customers per OAuth client id and answers like
the API, while Prism validates every request and answer against the bundled OpenAPI document.

Options:
  --port <n>               TCP port, 0 picks a free one                    (default 4010)
  --host <h>               interface to listen on                           (default 127.0.0.1)
  --token-ttl <seconds>    lifetime of the sandbox's tokens                 (default 1200)
  --credentials <list>     only these get a token: id:secret,id:secret      (default: any)
  --state <file>           keep the customers in this JSON file across restarts
  --strict                 refuse what the spec forbids but the API accepts (missing e-mail or house
                           number, fields a PUT leaves out, unknown fields); default: carry it out with a
                           Warning header and a line on stderr
  --static                 serve the spec's examples instead (no state)
  --dynamic                generate bodies from the schemas instead (no state)
  --seed <n>               with --dynamic: the same seed gives the same bodies
  --no-docs                do not serve the API reference page at /
  --help                   show this text`;

function parseOptions(args: string[]): MockOptions | "help" {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      static: { type: "boolean" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      "no-docs": { type: "boolean" },
      "token-ttl": { type: "string" },
      credentials: { type: "string" },
      state: { type: "string" },
      strict: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (values.static && values.dynamic) throw new Error("--static and --dynamic exclude each other");
  const mode = values.static ? "static" : values.dynamic ? "dynamic" : "sandbox";
  const options: MockOptions = { mode };
  if (values["no-docs"]) options.docs = false;
  if (values.port !== undefined) options.port = integer("--port", values.port, 65535);
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) {
    if (mode !== "dynamic") throw new Error("--seed only applies with --dynamic");
    options.seed = integer("--seed", values.seed, Number.MAX_SAFE_INTEGER);
  }
  for (const flag of ["token-ttl", "credentials", "state"] as const) {
    if (values[flag] !== undefined && mode !== "sandbox") throw new Error(`--${flag} only applies to the sandbox`);
  }
  if (values["token-ttl"] !== undefined) {
    options.tokenTtl = integer("--token-ttl", values["token-ttl"], 31_536_000);
    if (options.tokenTtl === 0) throw new Error("--token-ttl must be at least 1 second");
  }
  if (values.credentials !== undefined) options.credentials = credentials(values.credentials);
  if (values.state !== undefined) options.state = values.state;
  if (values.strict) options.strict = true;
  return options;
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

async function endpoints(url: string, specFile: string): Promise<string[]> {
  const spec = JSON.parse(await readFile(specFile, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const methods = ["get", "post", "put", "delete"];
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    methods.filter((method) => method in item).map((method) => `  ${method.toUpperCase().padEnd(7)} ${url}${path}`),
  );
}

async function main(): Promise<void> {
  let options: MockOptions | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`payment-customers-mock: ${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    console.log(usage);
    return;
  }

  // Signals are handled before anything starts: a Ctrl+C (or a test's SIGTERM) at any moment stops cleanly.
  let mock: MockServer | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      (mock?.close() ?? Promise.resolve()).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }

  // Loaded only now: Prism takes a while to load, and --help or a bad flag should answer at once.
  const { specFile, startMock } = await import("./start-mock.js");
  mock = await startMock(options).catch((error: Error): undefined => {
    const hint = error.message.includes("EADDRINUSE")
      ? " (the port is taken: stop the other server or use --port)"
      : "";
    console.error(`payment-customers-mock: ${error.message}${hint}`);
    process.exitCode = 1;
    return undefined;
  });
  if (!mock) return;

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
      ? 'Test your error paths with a header, e.g. "Prefer: code=500" (the state stays untouched).'
      : 'Pick a documented answer with a header, e.g. "Prefer: code=404" or "Prefer: example=company".';
  const docs =
    options.docs === false ? "" : `\nAPI reference (open it in a browser, try requests there): ${mock.url}/\n`;
  console.log(`Payment Customers mock listening on ${mock.url} (${mode})
${docs}
Endpoints:
${(await endpoints(mock.url, specFile)).join("\n")}

${tokenHint}
  curl -s ${mock.url}/oauth/token -d grant_type=client_credentials -d client_id=demo -d client_secret=demo
Then call the API with it:
  curl -s ${mock.url}/api/v2/Payment/Customers -H "Authorization: Bearer <access_token>"
${preferHint}

Press Ctrl+C to stop.`);
}

await main();
