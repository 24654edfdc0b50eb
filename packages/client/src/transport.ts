import { type PaymentCustomersError, requestError } from "./errors.js";
import { type AttemptOutcome, retryDelayMs, sleep } from "./retry.js";

/** Per-request settings; each overrides the client's for one call. */
export interface RequestOptions {
  /** Aborts the request, including any wait between retries. Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The limit for one attempt (answer and body), in milliseconds; `Infinity` for none. */
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

/** The retries one logical call has left, shared by all its sends (a re-send after a rejected token included). */
export interface RetryBudget {
  /** Set from `maxRetries` by the first send. */
  retriesLeft?: number;
}

/**
 * Runs attempts until one gives an answer to keep; `idempotent` (default: not a POST) decides which failures may be
 * retried, `budget` (default: `maxRetries`) how many.
 */
export type Send = <T extends Answer>(
  attempt: Attempt<T>,
  options?: RequestOptions & { idempotent?: boolean; budget?: RetryBudget },
) => Promise<T>;

const idempotentMethods = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * The attempts of one request: each with its own timeout (combined with the caller's signal), retried with
 * backoff by the rules in `retry.ts`. Each attempt builds its own `Request`, so nothing is copied to re-send.
 */
export function createTransport(settings: TransportSettings): Send {
  return async <T extends Answer>(attempt: Attempt<T>, options: Parameters<Send>[1] = {}): Promise<T> => {
    const { signal, timeoutMs = settings.timeoutMs, maxRetries = settings.maxRetries } = options;
    const budget = options.budget ?? {};
    budget.retriesLeft ??= maxRetries;
    for (let attemptNumber = 0; ; attemptNumber++) {
      const controller = new AbortController();
      // Infinity: no timer at all (a timer of 2^31 ms or more would fire after 1 ms).
      const timer =
        timeoutMs === Number.POSITIVE_INFINITY ? undefined : setTimeout(() => controller.abort(), timeoutMs);
      const forwardAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", forwardAbort, { once: true });
      // Held until the attempt ends: Node's fetch follows this Request's signal only while the Request is alive.
      let sent: Request | undefined;
      let received: Response | undefined;
      let outcome: AttemptOutcome & { answer?: T };
      try {
        signal?.throwIfAborted();
        const answer = await attempt(controller.signal, async (request) => {
          sent = request;
          received = await settings.fetch(request);
          return received;
        });
        outcome = { response: answer.response, answer };
      } catch (error) {
        signal?.throwIfAborted();
        // An answer that is not JSON: a failure of its own, not for retrying (and its text may quote the body).
        if (received && error instanceof SyntaxError) {
          throw answerError(
            sent as Request,
            `answered ${received.status} with a body that is not JSON`,
            "server",
            received,
          );
        }
        // Nothing sent: the request could not be built (or a middleware threw).
        if (!sent) throw error;
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
      if (outcome.answer) checkNotRedirected(request, outcome.answer.response);
      const idempotent = options.idempotent ?? idempotentMethods.includes(request.method);
      const delay = budget.retriesLeft > 0 ? retryDelayMs(outcome, attemptNumber, idempotent) : undefined;
      if (delay === undefined) {
        if (outcome.answer) return outcome.answer;
        throw noAnswerError(request, outcome as { error: unknown; timedOut: boolean }, timeoutMs);
      }
      budget.retriesLeft--;
      await sleep(delay, signal);
    }
  };
}

/** An error about an attempt's request, naming the server's origin (the path alone does not say which server). */
function answerError(
  request: Request,
  what: string,
  kind: PaymentCustomersError["kind"],
  response?: Response,
  cause?: unknown,
) {
  const { origin, pathname } = new URL(request.url);
  return requestError(request.method, pathname, what.replace("{origin}", origin), {
    kind,
    status: response?.status || undefined,
    cause,
  });
}

const redirectStatuses = [301, 302, 303, 307, 308];

/**
 * Requests are sent with `redirect: "manual"`: the API never redirects, and following one would re-send the secret
 * or the token elsewhere, or turn a create into a GET. A browser hides the redirect (an "opaqueredirect", status 0).
 */
function checkNotRedirected(request: Request, response: Response): void {
  if (response.type !== "opaqueredirect" && !redirectStatuses.includes(response.status)) return;
  let to = "a location the browser does not show";
  try {
    const location = response.headers.get("location");
    if (location) to = new URL(location, request.url).origin;
  } catch {
    to = "an invalid location";
  }
  const status = response.status || "opaque";
  throw answerError(request, `was redirected (${status}) to ${to}: redirects are not followed`, "api", response);
}

function noAnswerError(request: Request, outcome: { error: unknown; timedOut: boolean }, timeoutMs: number) {
  const error = outcome.error as { cause?: { code?: unknown }; message?: unknown } | undefined;
  const what = outcome.timedOut
    ? `timed out after ${timeoutMs} ms waiting for {origin}`
    : `got no answer from {origin} (${String(error?.cause?.code ?? error?.message ?? error)})`;
  return answerError(request, what, outcome.timedOut ? "timeout" : "network", undefined, outcome.error);
}
