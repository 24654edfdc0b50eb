#!/usr/bin/env node
// The `payment-customers-mock` command: parses flags, starts the mock, prints how to use it, stops on a signal.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { MockOptions, MockServer } from "./start-mock.js";

const usage = `Usage: payment-customers-mock [options]

A local mock of the secuconnect Payment Customers API (Prism serving the bundled OpenAPI document).

Options:
  --port <n>   TCP port, 0 picks a free one   (default 4010)
  --host <h>   interface to listen on          (default 127.0.0.1)
  --dynamic    generate bodies from the schemas instead of serving the examples
  --seed <n>   with --dynamic: the same seed gives the same bodies
  --no-docs    do not serve the API reference page at /
  --help       show this text`;

function parseOptions(args: string[]): MockOptions | "help" {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      "no-docs": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const options: MockOptions = { dynamic: values.dynamic ?? false };
  if (values["no-docs"]) options.docs = false;
  if (values.port !== undefined) options.port = integer("--port", values.port, 65535);
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) {
    if (!options.dynamic) throw new Error("--seed only applies with --dynamic");
    options.seed = integer("--seed", values.seed, Number.MAX_SAFE_INTEGER);
  }
  return options;
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

  const mode = options.dynamic
    ? `dynamic bodies${options.seed === undefined ? "" : `, seed ${options.seed}`}`
    : "static examples";
  const docs =
    options.docs === false ? "" : `\nAPI reference (open it in a browser, try requests there): ${mock.url}/\n`;
  console.log(`Payment Customers mock listening on ${mock.url} (${mode})
${docs}
Endpoints:
${(await endpoints(mock.url, specFile)).join("\n")}

Get a token (any client id and secret work):
  curl -s ${mock.url}/oauth/token -d grant_type=client_credentials -d client_id=demo -d client_secret=demo
Then call the API with it:
  curl -s ${mock.url}/api/v2/Payment/Customers -H "Authorization: Bearer <access_token>"
Pick a documented answer with a header, e.g. "Prefer: code=404" or "Prefer: example=company".

Press Ctrl+C to stop.`);
}

await main();
