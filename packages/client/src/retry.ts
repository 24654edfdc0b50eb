import { retryAfterSeconds } from "./errors.js";

/** What one attempt gave: an answer, or a failure before any answer. */
export type AttemptOutcome = { response: Response } | { error: unknown; timedOut: boolean };

const retryStatuses = [408, 429, 500, 502, 503, 504];
/** A longer `Retry-After` is handed to the caller (`error.retryAfter`) instead of waited out. */
const maxRetryAfterSeconds = 60;

/**
 * How long to wait before the next attempt, or `undefined` for "do not retry".
 *
 * A request that is not idempotent (a create) is retried only when the server surely did not process it:
 * the connection was refused before sending, or the server answered 429 or 503 with `Retry-After`.
 * A timeout or a reset is never retried for it: the customer may exist already, and the API allows duplicates.
 */
export function retryDelayMs(outcome: AttemptOutcome, attempt: number, idempotent: boolean): number | undefined {
  if ("error" in outcome) return idempotent || neverSent(outcome) ? backoffMs(attempt) : undefined;
  const { status, headers } = outcome.response;
  if (!retryStatuses.includes(status)) return undefined;
  const retryAfter = retryAfterSeconds(headers);
  if (retryAfter !== undefined && retryAfter > maxRetryAfterSeconds) return undefined;
  if (!idempotent && (retryAfter === undefined || (status !== 429 && status !== 503))) return undefined;
  return retryAfter === undefined ? backoffMs(attempt) : retryAfter * 1000;
}

/** Exponential backoff with jitter: 250-500 ms, then 500-1000 ms, ... at most 8 s. */
function backoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

// Connection refused or the host not found: the request never left (Node/undici, Bun).
function neverSent(outcome: { error: unknown; timedOut: boolean }): boolean {
  const error = outcome.error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = error?.cause?.code ?? error?.code;
  return !outcome.timedOut && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ConnectionRefused"].includes(String(code));
}

/**
 * `promise`'s outcome, or the signal's reason as soon as it aborts, or after `ms` `timedOut()`'s error (without
 * one, `undefined`: a wait). The promise itself goes on.
 */
export function releasedBy<T>(
  promise: Promise<T> | undefined,
  signal: AbortSignal | undefined,
  ms = Infinity,
  timedOut?: () => Error,
): Promise<T> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const settle = (done: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      done();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    const timer =
      ms === Infinity
        ? undefined
        : setTimeout(() => settle(() => (timedOut ? reject(timedOut()) : resolve(undefined as T))), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    promise?.then(
      (value) => settle(() => resolve(value)),
      (error) => settle(() => reject(error)),
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep = (ms: number, signal: AbortSignal | undefined) => releasedBy<void>(undefined, signal, ms);
