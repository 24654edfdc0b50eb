// Scroll search contexts (`scroll_expire`, then `scroll_id`), as the older official SDKs' `getScrollableList` /
// `getNextBatch` use them: the first answer fixes the matches (a snapshot of their ids, in the requested order),
// each `scroll_id` request answers the next batch, and an empty batch ends the loop.
export interface ScrollContext {
  merchant: string;
  /** The matches' ids when the context was opened, in answer order. */
  ids: readonly string[];
  /** Where the next batch starts within `ids`. */
  position: number;
  /** Customers per batch: the opening request's `count`. */
  size: number;
  fields?: readonly string[];
  expiresAt: number;
}

/** Open contexts at most (Elasticsearch's default limit is 500); the oldest gives way to a new one. */
const maxContexts = 100;
/** The longest `scroll_expire` (Elasticsearch's default `search.max_keep_alive`). */
const maxKeepAliveMs = 86_400_000;
const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m`, `30s`, `1h`, `500ms`, `1d` in milliseconds; an error message for anything else. */
export function keepAliveOf(text: string): number | string {
  const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return `scroll_expire: "${text}" is not a duration such as 5m, 30s or 1h`;
  const ms = Number(match[1]) * (units[match[2] as string] as number);
  if (ms <= 0 || ms > maxKeepAliveMs) return "scroll_expire: must be more than 0 and at most 1d";
  return ms;
}

export function createScrolls(now: () => number) {
  const contexts = new Map<string, ScrollContext>();
  const forgetExpired = (time: number) => {
    for (const [id, context] of contexts) if (context.expiresAt <= time) contexts.delete(id);
  };
  return {
    open(context: Omit<ScrollContext, "expiresAt">, keepAliveMs: number): string {
      const time = now();
      forgetExpired(time);
      while (contexts.size >= maxContexts) contexts.delete(contexts.keys().next().value as string);
      // Web Crypto, as ids.ts: the sandbox also runs in browsers and workers.
      const id = Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) =>
        byte.toString(16).padStart(2, "0"),
      ).join("");
      contexts.set(id, { ...context, expiresAt: time + keepAliveMs });
      return id;
    },
    /** The merchant's live context with this id (its expiry renewed by `keepAliveMs`), else `undefined`. */
    find(id: string, merchant: string, keepAliveMs?: number): ScrollContext | undefined {
      const context = contexts.get(id);
      const time = now();
      if (!context || context.merchant !== merchant) return undefined;
      if (context.expiresAt <= time) {
        contexts.delete(id);
        return undefined;
      }
      if (keepAliveMs !== undefined) context.expiresAt = time + keepAliveMs;
      return context;
    },
  };
}
