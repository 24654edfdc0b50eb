import { PaymentCustomersError, type PaymentCustomersErrorInit, requestError } from "./errors.js";
import type { AccessTokens } from "./oauth-token.js";
import { type AttemptOutcome, retryDelayMs, sleep } from "./retry.js";
import type { Scrubber } from "./secrets.js";

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
  /** Called with the status and headers of the answer a call returns (or throws for), before it resolves. */
  onResponse?: (response: ResponseInfo) => void;
}

/** The answer behind a call's result: what `onResponse` receives. */
export interface ResponseInfo {
  method: string;
  /** The path without the query (it may hold personal data). */
  path: string;
  status: number;
  headers: Headers;
}

/** One attempt, as the logger and `onRetry` see it: never a header, a body or the query. */
export interface AttemptInfo {
  method: string;
  path: string;
  /** Absent when no answer arrived. */
  status?: number;
  /** How long the attempt took. */
  ms: number;
  /** Why it failed without an answer: `timeout`, or the network's error code. */
  failure?: string;
  /** When it is retried: the wait before the next attempt. */
  retryInMs?: number;
}

export type Fetch = (request: Request) => Promise<Response>;

/**
 * Errors that end a call as they are, like the client's own: `rawClient`'s middleware adds the errors its hooks
 * throw (not a network failure to retry, and not a sign that the request went unanswered: a create may have
 * succeeded).
 */
export const finalErrors = new WeakSet<object>();

export interface TransportSettings {
  fetch: Fetch;
  timeoutMs: number;
  maxRetries: number;
  /** The most bytes an answer's body may have. */
  maxResponseBytes: number;
  /** The client's `onResponse`: for API calls (with `authorization`), not the token request; a call's own replaces it. */
  onResponse?: RequestOptions["onResponse"];
  /** Told about every attempt (logging, `onRetry`); absent when nobody listens. */
  onAttempt?: (attempt: AttemptInfo) => void;
}

/** What an attempt gives back: the answer (its body already read), and the parsed error body if any. */
export type Answer = { response: Response; error?: unknown };

/**
 * One attempt: builds a new `Request` with `signal`, sends it through `fetch` and reads the answer's body
 * before it resolves (so the attempt's timeout covers the body).
 */
export type Attempt<T extends Answer> = (signal: AbortSignal, fetch: Fetch) => Promise<T>;

/**
 * An API call's bearer tokens, the scrubber that keeps them (and the secret) out of its errors, and the base URL
 * every request must stay under (a per-call `baseUrl`, or a middleware's new `Request`, would take the token along).
 */
export interface Authorization {
  tokens: AccessTokens;
  scrubber: Scrubber;
  baseUrl: string;
}

/**
 * Runs attempts until one gives an answer to keep; `idempotent` (default: not a POST or PATCH) decides which
 * failures may be retried. With `authorization`, each attempt carries the bearer token, and a rejected token is
 * renewed in the same loop (no layer of its own: one promise less per call). Positional, so a call allocates no
 * options object.
 */
export type Send = <T extends Answer>(
  attempt: Attempt<T>,
  options?: RequestOptions,
  idempotent?: boolean,
  authorization?: Authorization,
) => Promise<T>;

/**
 * The attempts of one request: each with its own timeout (combined with the caller's signal), retried with
 * backoff by the rules in `retry.ts`. Each attempt builds its own `Request`, so nothing is copied to re-send.
 */
export function createTransport(settings: TransportSettings): Send {
  const { onAttempt } = settings;
  return async <T extends Answer>(
    attempt: Attempt<T>,
    options: RequestOptions = {},
    idempotent?: boolean,
    authorization?: Authorization,
  ): Promise<T> => {
    const { signal } = options;
    const onResponse = options.onResponse ?? (authorization && settings.onResponse);
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    let retriesLeft = options.maxRetries ?? settings.maxRetries;
    // The token of the next attempt; `renewed` once a rejected one was replaced (that happens once per call).
    let token: string | undefined;
    let renewed = false;
    try {
      for (let attemptNumber = 0; ; attemptNumber++) {
        if (authorization && token === undefined) {
          // An aborted signal is refused here, before anything is sent.
          token = authorization.tokens.current() ?? (await authorization.tokens.get(options));
          authorization.scrubber.add(token);
        }
        const controller = new AbortController();
        // Infinity: no limit at all (a timer of 2^31 ms or more would fire after 1 ms). The timer holds the process
        // open only while the attempt waits, as the fetch itself would.
        const timer = timeoutMs === Infinity ? undefined : setTimeout(() => controller.abort(), timeoutMs);
        const forwardAbort = signal && (() => controller.abort(signal.reason));
        if (forwardAbort) signal.addEventListener("abort", forwardAbort, { once: true });
        const startedAt = onAttempt ? Date.now() : 0;
        // Held until the attempt ends: Node's fetch follows this Request's signal only while the Request is alive.
        let sent: Request | undefined;
        let received: Response | undefined;
        let outcome: AttemptOutcome & { answer?: T };
        try {
          signal?.throwIfAborted();
          const answer = await attempt(controller.signal, async (request) => {
            sent = request;
            if (authorization) {
              // Refused before the token is added: nothing leaves for another place than the environment.
              const { baseUrl } = authorization;
              if (!request.url.startsWith(`${baseUrl}/`))
                throw answerError(request, `refused: {origin} is outside the environment ${baseUrl}`, {
                  kind: "validation",
                });
              request.headers.set("authorization", `Bearer ${token}`);
            }
            received = await settings.fetch(request);
            return capped(request, received, settings.maxResponseBytes);
          });
          outcome = { response: answer.response, answer };
        } catch (error) {
          signal?.throwIfAborted();
          // The client's own verdicts (a refused origin, a body over the cap) and a middleware's error: final.
          // A middleware's error is its own, not "no answer": the request may well have been processed.
          if (error instanceof PaymentCustomersError || finalErrors.has(error as object)) throw error;
          // An answer that is not JSON: a failure of its own, not for retrying (and its text may quote the body).
          if (received && error instanceof SyntaxError) {
            throw answerError(sent as Request, `answered ${received.status} with a body that is not JSON`, {
              kind: "server",
              status: received.status,
              headers: received.headers,
            });
          }
          // Nothing sent: the request could not be built (or a middleware threw).
          if (!sent) throw error;
          // Not the caller's abort: an abort here can only be the timer's.
          outcome = { error, timedOut: controller.signal.aborted };
        } finally {
          clearTimeout(timer);
          if (forwardAbort) signal.removeEventListener("abort", forwardAbort);
          sent?.signal.aborted;
        }
        // An answer without a request: a middleware answered it.
        if (!sent) return outcome.answer as T;
        const request = sent;
        const { answer } = outcome;
        if (answer) checkNotRedirected(request, answer.response);
        // The API rejected the token (401, or 403 with code 2003): the request was not processed, so it is sent
        // once more with a new token, using one of the call's retries (and made even when none is left).
        const resend =
          authorization && answer && !renewed && tokenRejected(answer) && authorization.tokens.renew(token as string);
        const delay =
          retriesLeft > 0 && !resend
            ? retryDelayMs(outcome, attemptNumber, idempotent ?? !/^(POST|PATCH)$/.test(request.method))
            : undefined;
        if (onAttempt) onAttempt(attemptInfo(request, outcome, startedAt, delay));
        if (resend) {
          renewed = true;
          retriesLeft = Math.max(0, retriesLeft - 1);
          token = await authorization.tokens.get(options);
          authorization.scrubber.add(token);
          continue;
        }
        if (delay === undefined) {
          if (answer) {
            if (onResponse) {
              const { status, headers } = answer.response;
              onResponse({ method: request.method, path: new URL(request.url).pathname, status, headers });
            }
            return answer;
          }
          throw noAnswerError(request, outcome as { error: unknown; timedOut: boolean }, timeoutMs);
        }
        retriesLeft--;
        await sleep(delay, signal);
      }
    } catch (error) {
      // Every error of an API call leaves without the secrets.
      throw authorization ? authorization.scrubber.error(error) : error;
    }
  };
}

function tokenRejected({ response, error }: Answer): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return response.status === 401 || (response.status === 403 && String(code) === "2003");
}

function attemptInfo(
  request: Request,
  outcome: AttemptOutcome,
  startedAt: number,
  retryInMs: number | undefined,
): AttemptInfo {
  const info: AttemptInfo = { method: request.method, path: new URL(request.url).pathname, ms: Date.now() - startedAt };
  if ("response" in outcome) info.status = outcome.response.status;
  else info.failure = outcome.timedOut ? "timeout" : failureCode(outcome.error);
  if (retryInMs !== undefined) info.retryInMs = Math.round(retryInMs);
  return info;
}

// Only an error code or class name (`ECONNRESET`, `TypeError`): a message may quote a URL with its query.
function failureCode(error: unknown): string {
  const { cause, code, name } = (error ?? {}) as { cause?: { code?: unknown }; code?: unknown; name?: unknown };
  const value = String(cause?.code ?? code ?? name);
  return /^[A-Za-z_][\w.-]{0,39}$/.test(value) ? value : "error";
}

/**
 * The answer, its body limited to `max` bytes: refused at once when `Content-Length` says more (HTTP framing then
 * holds the body to it), else counted as it is read (after decompression), so an endless body ends early.
 */
function capped(request: Request, response: Response, max: number): Response {
  const length = response.headers.get("content-length");
  // No body: a 204 or 304, or a redirect a browser hid (a Response of such a status cannot have one).
  if (!response.body) return response;
  // A compressed body's length says nothing of what it inflates to.
  if (length !== null && /^\d+$/.test(length) && !response.headers.has("content-encoding")) {
    if (Number(length) <= max) return response;
    response.body.cancel().catch(() => {});
    throw tooLarge(request, response, max);
  }
  let read = 0;
  // Erroring the transform cancels the answer's body: the rest is not downloaded.
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read <= max) controller.enqueue(chunk);
        else controller.error(tooLarge(request, response, max));
      },
    }),
  );
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

const tooLarge = (request: Request, response: Response, max: number) =>
  answerError(request, `answered ${response.status} with more than ${max} bytes (maxResponseBytes)`, {
    kind: "server",
    status: response.status,
    headers: response.headers,
  });

/** An error about an attempt's request, naming the server's origin (the path alone does not say which server). */
function answerError(request: Request, what: string, fields: Omit<PaymentCustomersErrorInit, "message">) {
  const { origin, pathname } = new URL(request.url);
  return requestError(request.method, pathname, what.replace("{origin}", origin), fields);
}

const redirectStatuses = [301, 302, 303, 307, 308];

/**
 * Requests are sent with `redirect: "manual"`: the API never redirects, and following one would re-send the secret
 * or the token elsewhere, or turn a create into a GET. A browser hides the redirect (an "opaqueredirect", status 0).
 */
function checkNotRedirected(request: Request, response: Response): void {
  if (response.type !== "opaqueredirect" && !redirectStatuses.includes(response.status)) return;
  // A browser hides the location; a server may send an invalid one.
  let to = "an unknown location";
  try {
    const location = response.headers.get("location");
    if (location) to = new URL(location, request.url).origin;
  } catch {}
  const status = response.status || "opaque";
  throw answerError(request, `was redirected (${status}) to ${to}: redirects are not followed`, {
    kind: "api",
    status: response.status || undefined,
    headers: response.headers,
  });
}

function noAnswerError(request: Request, outcome: { error: unknown; timedOut: boolean }, timeoutMs: number) {
  const error = outcome.error as { cause?: { code?: unknown }; message?: unknown } | undefined;
  const what = outcome.timedOut
    ? `timed out after ${timeoutMs} ms waiting for {origin}`
    : `got no answer from {origin} (${String(error?.cause?.code ?? error?.message ?? error)})`;
  return answerError(
    request,
    what,
    outcome.timedOut ? { kind: "timeout", timeoutMs, cause: outcome.error } : { kind: "network", cause: outcome.error },
  );
}
