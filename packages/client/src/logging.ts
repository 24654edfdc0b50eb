import type { AttemptInfo } from "./transport.js";

/** Where debug lines go: `console`, or any logger with a `debug` method (pino, winston, ...). */
export interface Logger {
  debug(message: string): void;
}

const variable = "PAYMENT_CUSTOMERS_LOG";

/**
 * `PAYMENT_CUSTOMERS_LOG` where there is an environment to read: not in browsers, and in Deno only with the
 * permission already granted (asking would prompt, or throw without a terminal).
 */
export function logLevelFromEnvironment(): "debug" | "off" {
  try {
    const { Deno, process } = globalThis as {
      Deno?: { permissions?: { querySync?(descriptor: object): { state: string } } };
      process?: { env?: Record<string, string | undefined> };
    };
    if (Deno && Deno.permissions?.querySync?.({ name: "env", variable }).state !== "granted") return "off";
    return process?.env?.[variable] === "debug" ? "debug" : "off";
  } catch {
    return "off";
  }
}

/** One attempt as one line: method, path (no query), status or failure, time, and the retry if any. */
export function logLine({ method, path, status, failure, ms, retryInMs }: AttemptInfo): string {
  const result = status === undefined ? `no answer (${failure})` : String(status);
  const retry = retryInMs === undefined ? "" : `; retrying in ${retryInMs} ms`;
  return `payment-customers: ${method} ${path} ${result} ${ms} ms${retry}`;
}
