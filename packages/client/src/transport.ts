import { requestError } from "./errors.js";
import { type AttemptOutcome, retryDelayMs, sleep } from "./retry.js";

/** Per-request settings; each overrides the client's for one call. */
export interface RequestOptions {
  /** Aborts the request, including any wait between retries. Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The limit for one attempt (answer and body), in milliseconds. */
  timeoutMs?: number;
  /** How many times a failed attempt may be repeated (see the README on which failures are retried). */
  maxRetries?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export type Fetch = (request: Request) => Promise<Response>;

export interface TransportSettings {
  fetch: Fetch;
  timeoutMs: number;
  maxRetries: number;
}

/** What an attempt gives back: the answer (its body already read), and the parsed error body if any. */
export type Answer = { response: Response; error?: unknown };

/**
 * One attempt: builds a new `Request` with `signal`, sends it through `fetch` and reads the answer's body
 * before it resolves (so the attempt's timeout covers the body).
 */
export type Attempt<T extends Answer> = (signal: AbortSignal, fetch: Fetch) => Promise<T>;

/** Runs attempts until one gives an answer to keep; `idempotent` (default: not a POST) decides which failures may be retried. */
export type Send = <T extends Answer>(
  attempt: Attempt<T>,
  options?: RequestOptions & { idempotent?: boolean },
) => Promise<T>;

const idempotentMethods = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * The attempts of one request: each with its own timeout (combined with the caller's signal), retried with
 * backoff by the rules in `retry.ts`. Each attempt builds its own `Request`, so nothing is copied to re-send.
 */
export function createTransport(settings: TransportSettings): Send {
  return async <T extends Answer>(attempt: Attempt<T>, options: Parameters<Send>[1] = {}): Promise<T> => {
    const { signal, timeoutMs = settings.timeoutMs, maxRetries = settings.maxRetries } = options;
    for (let attemptNumber = 0; ; attemptNumber++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const forwardAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", forwardAbort, { once: true });
      // Held until the attempt ends: Node's fetch follows this Request's signal only while the Request is alive.
      let sent: Request | undefined;
      let outcome: AttemptOutcome & { answer?: T };
      try {
        signal?.throwIfAborted();
        const answer = await attempt(controller.signal, (request) => {
          sent = request;
          return settings.fetch(request);
        });
        outcome = { response: answer.response, answer };
      } catch (error) {
        signal?.throwIfAborted();
        // Nothing sent (the request could not be built), or an answer that is not JSON: not for retrying.
        if (!sent || error instanceof SyntaxError) throw error;
        // Not the caller's abort: an abort here can only be the timer's.
        outcome = { error, timedOut: controller.signal.aborted };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", forwardAbort);
        sent?.signal.aborted;
      }
      // An answer without a request: a middleware answered it.
      if (!sent) return outcome.answer as T;
      const request = sent;
      const idempotent = options.idempotent ?? idempotentMethods.includes(request.method);
      const delay = attemptNumber < maxRetries ? retryDelayMs(outcome, attemptNumber, idempotent) : undefined;
      if (delay === undefined) {
        if (outcome.answer) return outcome.answer;
        throw noAnswerError(request, outcome as { error: unknown; timedOut: boolean }, timeoutMs);
      }
      await sleep(delay, signal);
    }
  };
}

function noAnswerError(request: Request, outcome: { error: unknown; timedOut: boolean }, timeoutMs: number) {
  const error = outcome.error as { cause?: { code?: unknown }; message?: unknown } | undefined;
  const what = outcome.timedOut
    ? `timed out after ${timeoutMs} ms`
    : `got no answer (${String(error?.cause?.code ?? error?.message ?? error)})`;
  const kind = outcome.timedOut ? "timeout" : "network";
  return requestError(request.method, new URL(request.url).pathname, what, { kind, cause: outcome.error });
}
