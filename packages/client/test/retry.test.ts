// The retry policy on its own: which outcomes are retried, and after how long.
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../src/retry.js";

const answer = (status: number, retryAfter?: string) => ({
  response: new Response(null, { status, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } }),
});
const refused = { error: new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }), timedOut: false };
const reset = { error: new TypeError("fetch failed", { cause: { code: "UND_ERR_SOCKET" } }), timedOut: false };
const timedOut = { error: new DOMException("aborted", "AbortError"), timedOut: true };

describe("retryDelayMs", () => {
  it("waits the Retry-After seconds, or an HTTP date's distance", () => {
    expect(retryDelayMs(answer(429, "7"), 0, true)).toBe(7000);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryDelayMs(answer(503, inTenSeconds), 0, true)).toBeGreaterThan(8000);
    expect(retryDelayMs(answer(503, inTenSeconds), 0, true)).toBeLessThanOrEqual(10_000);
  });

  it("backs off exponentially with jitter, at most 8 s", () => {
    for (let i = 0; i < 50; i++) {
      const first = retryDelayMs(answer(500), 0, true) ?? -1;
      const third = retryDelayMs(answer(500), 2, true) ?? -1;
      const late = retryDelayMs(answer(500), 10, true) ?? -1;
      expect(first).toBeGreaterThanOrEqual(250);
      expect(first).toBeLessThanOrEqual(500);
      expect(third).toBeGreaterThanOrEqual(1000);
      expect(third).toBeLessThanOrEqual(2000);
      expect(late).toBeLessThanOrEqual(8000);
    }
  });

  it("retries reads on the transient statuses, timeouts and network errors only", () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(retryDelayMs(answer(status), 0, true)).toBeDefined();
    for (const status of [400, 401, 403, 404, 409, 422, 501])
      expect(retryDelayMs(answer(status), 0, true)).toBeUndefined();
    for (const failure of [refused, reset, timedOut]) expect(retryDelayMs(failure, 0, true)).toBeDefined();
  });

  it("retries a create only when it surely was not processed", () => {
    expect(retryDelayMs(refused, 0, false)).toBeDefined();
    expect(retryDelayMs(answer(429, "1"), 0, false)).toBe(1000);
    expect(retryDelayMs(answer(503, "0"), 0, false)).toBe(0);
    for (const failure of [
      reset,
      timedOut,
      answer(429),
      answer(503),
      answer(500, "1"),
      answer(502),
      answer(504, "1"),
    ]) {
      expect(retryDelayMs(failure, 0, false)).toBeUndefined();
    }
  });

  it("does not wait out a Retry-After beyond a minute", () => {
    expect(retryDelayMs(answer(429, "61"), 0, true)).toBeUndefined();
  });
});
