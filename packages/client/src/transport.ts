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

export interface TransportSettings {
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
  /** Headers every request gets unless it sets them itself (`accept`, `user-agent`). */
  headers: Record<string, string>;
}

/** Sends a request; `idempotent` (default: not a POST) decides which failures may be retried. */
export type Send = (request: Request, options?: RequestOptions & { idempotent?: boolean }) => Promise<Response>;

const idempotentMethods = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * The attempts of one request: each with its own timeout (combined with the caller's signal), retried with
 * backoff by the rules in `retry.ts`. The answer comes back with its body read, so the timeout covers it too.
 */
export function createTransport(settings: TransportSettings): Send {
  return async (request, options = {}) => {
    const { signal = request.signal, timeoutMs = settings.timeoutMs, maxRetries = settings.maxRetries } = options;
    const idempotent = options.idempotent ?? idempotentMethods.includes(request.method);
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (const [name, value] of Object.entries(settings.headers)) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const forwardAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", forwardAbort, { once: true });
      let outcome: AttemptOutcome;
      // Held until the attempt ends: Node's fetch follows this Request's signal only while the Request is alive.
      const attemptRequest = new Request(request, { body, signal: controller.signal });
      try {
        signal.throwIfAborted();
        outcome = { response: await buffered(await settings.fetch(attemptRequest)) };
      } catch (error) {
        signal.throwIfAborted();
        // Not the caller's abort: an abort here can only be the timer's.
        outcome = { error, timedOut: controller.signal.aborted };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", forwardAbort);
        attemptRequest.signal.aborted;
      }
      const delay = attempt < maxRetries ? retryDelayMs(outcome, attempt, idempotent) : undefined;
      if (delay === undefined) {
        if ("response" in outcome) return outcome.response;
        throw noAnswerError(request, outcome, timeoutMs);
      }
      await sleep(delay, signal);
    }
  };
}

// A fresh Response holding the whole body, so it can be read (and cloned) after the attempt's timer is gone.
async function buffered(response: Response): Promise<Response> {
  return new Response(response.body && (await response.arrayBuffer()), response);
}

function noAnswerError(request: Request, outcome: { error: unknown; timedOut: boolean }, timeoutMs: number) {
  const error = outcome.error as { cause?: { code?: unknown }; message?: unknown } | undefined;
  const what = outcome.timedOut
    ? `timed out after ${timeoutMs} ms`
    : `got no answer (${String(error?.cause?.code ?? error?.message ?? error)})`;
  const kind = outcome.timedOut ? "timeout" : "network";
  return requestError(request.method, new URL(request.url).pathname, what, { kind, cause: outcome.error });
}
