import type { Authorization, Send } from "./transport.js";

/** What a client's calls are made of, shared by its typed calls (customers.ts) and `rawClient` (raw.ts). */
export interface ClientParts {
  /** The client's headers (`accept`, `user-agent`, the `headers` option), lower-case names. */
  headers: Record<string, string>;
  send: Send;
  /** The token, the scrubber and the base URL every request must stay under. */
  authorization: Authorization;
}

/**
 * The hidden link from a client to its parts, for `rawClient`: a function under a symbol, so a logged client shows
 * none of them, and a spread copy of a client (`{ ...client }`) keeps it.
 */
export const clientParts = Symbol();
