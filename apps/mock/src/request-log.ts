// The mock's log on stderr: one line per request (method, path, status, milliseconds, violations) and every
// internal failure. Redacted by construction: it never sees a header or a body, query values other than paging
// and sorting are replaced by `…` (`q` holds e-mail addresses), and a path segment holding an `@` as well.
import { ConnectionReset } from "./connection-reset.js";
import type { Handler } from "./engine.js";
import type { PlainAnswer, PlainRequest } from "./plain-messages.js";

export type LogFormat = "text" | "json";

export interface LogOptions {
  /** `text` (default) for people, `json` (one object per line) for machines. */
  format?: LogFormat;
  /** No request lines; internal failures and spec reloads are still written. */
  quiet?: boolean;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
}

export interface Log {
  /** No request lines are written (`quiet`): there is no line to make. */
  readonly quiet: boolean;
  /** `status` is `reset` when the connection was dropped on purpose (`Prefer: fault=reset`). */
  request(entry: { method: string; target: string; status: number | "reset"; ms: number; violations: string[] }): void;
  /** An internal failure: the error's name, a redacted message and where it happened. */
  failure(error: unknown): void;
  /** A message about the mock itself (a spec reload, a seeded merchant). */
  info(message: string): void;
}

export function createLog({ format = "text", quiet = false, write }: LogOptions = {}): Log {
  const out = write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (fields: Record<string, unknown>, text: string) =>
    out(format === "json" ? JSON.stringify({ time: new Date().toISOString(), ...fields }) : text);
  return {
    quiet,
    request({ method, target, status, ms, violations }) {
      if (quiet) return;
      const tail = violations.length > 0 ? ` violations: ${violations.join(", ")}` : "";
      emit({ method, path: target, status, ms, violations }, `${method} ${target} ${status} ${ms} ms${tail}`);
    },
    failure(error) {
      const { name, message, where } = describeFailure(error);
      emit(
        { level: "error", error: name, message, where },
        `internal failure: ${name}: ${message}${where ? ` (${where})` : ""}`,
      );
    },
    info(message) {
      emit({ level: "info", message }, message);
    },
  };
}

/** Paging, sorting and Prism's own parameters are not personal; every other query value is replaced. */
const plainParameters = new Set([
  "count",
  "offset",
  "sort",
  "fields",
  "expand",
  "meta",
  "preset",
  "validate",
  "aggregate",
  "scroll_id",
  "scroll_expire",
  "__code",
  "__example",
  "__dynamic",
  "__seed",
]);

/** The request's path and query as the log shows them. */
export function redactedTarget(url: URL): string {
  const path = url.pathname
    .split("/")
    .map((segment) => (/@|%40/i.test(segment) ? "…" : segment))
    .join("/");
  const query = [...url.searchParams]
    .map(([name, value]) => `${name}=${plainParameters.has(name) ? value : "…"}`)
    .join("&");
  return query === "" ? path : `${path}?${query}`;
}

type Violation = { location?: unknown[]; code?: unknown };

/**
 * Where the request or the answer breaks the spec, from the `sl-violations` header or, for Prism's 422, the
 * body's `validation` list: locations and codes, never values.
 */
async function violationsOf(
  status: number,
  header: (name: string) => string | null | undefined,
  body: () => Promise<string> | string,
): Promise<string[]> {
  const violations = header("sl-violations");
  let list: Violation[] = [];
  try {
    if (violations) list = JSON.parse(violations) as Violation[];
    else if (status === 422 && header("content-type")?.includes("problem+json"))
      list = ((JSON.parse(await body()) as { validation?: Violation[] }).validation ?? []).map((v) => ({
        ...v,
        location: ["request", ...(v.location ?? [])],
      }));
  } catch {
    return ["(unreadable violations)"];
  }
  return list.map(({ location = [], code }) => `${location.join(".")}${code === undefined ? "" : ` (${code})`}`);
}

/** Wraps a handler so each request it answers is logged; a thrown error is logged as a failure and rethrown. */
export function withRequestLog(handle: Handler, log: Log): Handler {
  return async (request) => {
    const line = requestLine(log, request.method, new URL(request.url));
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      line.failed(error);
      throw error;
    }
    const violations = await violationsOf(
      response.status,
      (name) => response.headers.get(name),
      () => response.clone().text(),
    );
    line.answered(response.status, violations);
    return response;
  };
}

/**
 * {@link withRequestLog} for the HTTP server's plain requests (plain-messages.ts). A quiet log only gets the
 * failures: no line is made for an answer.
 */
export function withPlainRequestLog<A extends PlainAnswer | undefined>(
  answer: (request: PlainRequest) => Promise<A>,
  log: Log,
): (request: PlainRequest) => Promise<A> {
  return async (request) => {
    if (log.quiet) {
      try {
        return await answer(request);
      } catch (error) {
        if (!(error instanceof ConnectionReset)) log.failure(error);
        throw error;
      }
    }
    const line = requestLine(log, request.method, request.url);
    let answered: A;
    try {
      answered = await answer(request);
    } catch (error) {
      line.failed(error);
      throw error;
    }
    if (answered) {
      const { status, headers, body = "" } = answered;
      line.answered(
        status,
        await violationsOf(
          status,
          (name) => headers[name],
          () => body,
        ),
      );
    }
    return answered;
  };
}

/** One request's line, written once its answer (or failure) is known. */
function requestLine(log: Log, method: string, url: URL) {
  const started = performance.now();
  const line = (status: number | "reset", violations: string[]) =>
    log.request({
      method,
      target: redactedTarget(url),
      status,
      ms: Math.round(performance.now() - started),
      violations,
    });
  return {
    answered: line,
    failed(error: unknown) {
      line(error instanceof ConnectionReset ? "reset" : 500, []);
      if (!(error instanceof ConnectionReset)) log.failure(error);
    },
  };
}

/**
 * An error as the log shows it: messages can quote input (JSON.parse quotes the body it failed on), so anything
 * in quotes and anything shaped like an e-mail address is replaced; the first stack frame says where.
 */
function describeFailure(error: unknown): { name: string; message: string; where?: string } {
  if (!(error instanceof Error)) return { name: "Error", message: "(a thrown non-error value)" };
  const message = error.message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/\S+@\S+/g, "…")
    .slice(0, 300);
  const where = error.stack
    ?.split("\n")
    .find((frame) => frame.trimStart().startsWith("at "))
    ?.trim()
    .slice(3);
  return { name: error.name, message, where };
}
