// The token endpoint, in every mode: a distinct token per request, each bound to its client id (the merchant),
// with the API's recorded OAuth errors. Tokens live in one Map keyed by the token, so issuing and checking one
// costs the same at any number of tokens; a sweep from the oldest end drops those long expired.
import type { IHttpResponse } from "@stoplight/prism-http";
import { json, oauthError } from "./answers.js";

export interface TokenIssuerOptions {
  /** Lifetime of a token in seconds (`expires_in`). */
  ttlSeconds: number;
  /** When set, only these client ids with these secrets get a token. */
  credentials?: ReadonlyMap<string, string>;
  /** The clock, in milliseconds. */
  now: () => number;
}

/** What a request's `Authorization` header amounts to. */
export type TokenCheck = { merchant: string } | "expired" | "unknown";

export interface TokenIssuer {
  /** Answers a token request: `body` as Prism passes it on, `authorization` the header (HTTP Basic credentials). */
  issue(body: unknown, authorization?: string): IHttpResponse;
  /** The merchant of a valid token; `expired` for one this issuer gave out and that has expired, else `unknown`. */
  check(authorization: string | undefined): TokenCheck;
  /** How many tokens the issuer holds (live ones and recently expired ones). */
  readonly size: number;
}

/** A real token's shape (recorded): 26 lower-case letters and digits. */
const tokenShape = /^[a-z0-9]{26}$/;
const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

export function createTokenIssuer({ ttlSeconds, credentials, now }: TokenIssuerOptions): TokenIssuer {
  const lifetime = ttlSeconds * 1000;
  // Insertion order is issue order, and with one lifetime that is expiry order: the oldest are first.
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();

  // An expired token is remembered for one more lifetime (at least 10 minutes), so it can be told from an unknown
  // one (403 versus 401); then it is forgotten. The sweep stops at the first token to keep: constant time per token.
  const grace = Math.max(lifetime, 600_000);
  const sweep = (time: number) => {
    for (const [token, { expiresAt }] of tokens) {
      if (expiresAt + grace > time) return;
      tokens.delete(token);
    }
  };

  return {
    issue(body, authorization) {
      const fields = fieldsOf(body);
      const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
      const grant = text("grant_type") ?? "";
      if (grant === "") return oauthError("invalid_request", "The grant type was not specified in the request");
      if (grant !== "client_credentials")
        return oauthError("unsupported_grant_type", `Grant type "${grant}" not supported`);
      const basic = basicCredentials(authorization);
      const clientId = text("client_id") ?? basic?.id;
      const secret = text("client_secret") ?? basic?.secret ?? "";
      if (clientId === undefined)
        return oauthError("invalid_client", "Client credentials were not found in the headers or body");
      const known = credentials ? credentials.get(clientId) === secret : clientId !== "" && secret !== "";
      if (!known) return oauthError("invalid_client", "The client credentials are invalid");

      const time = now();
      sweep(time);
      let token = randomToken();
      while (tokens.has(token)) token = randomToken();
      tokens.set(token, { clientId, expiresAt: time + lifetime });
      const answer = json(200, {
        access_token: token,
        expires_in: ttlSeconds,
        token_type: "bearer",
        scope: "https://scope.secucard.com/e/api",
      });
      // As recorded: a token answer must not be cached by anything between the client and the API.
      return { ...answer, headers: { ...answer.headers, "cache-control": "no-store", pragma: "no-cache" } };
    },
    check(authorization) {
      const token = /^bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
      if (token === undefined || !tokenShape.test(token)) return "unknown";
      const time = now();
      sweep(time);
      const entry = tokens.get(token);
      if (!entry) return "unknown";
      return entry.expiresAt <= time ? "expired" : { merchant: entry.clientId };
    },
    get size() {
      return tokens.size;
    },
  };
}

function randomToken(): string {
  // 252 is the largest multiple of 36 below 256: rejecting the bytes above it keeps every character equally likely.
  let token = "";
  while (token.length < 26) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < 252 && token.length < 26) token += alphabet[byte % 36];
    }
  }
  return token;
}

/** `Authorization: Basic base64(id:secret)`, the other place OAuth 2.0 lets a client put its credentials. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^basic +([A-Za-z0-9+/=]+) *$/i.exec(authorization ?? "")?.[1];
  if (encoded === undefined) return undefined;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The token request's fields: form-encoded (a string, as Prism passes it on) or JSON. */
export function fieldsOf(body: unknown): Record<string, unknown> {
  if (typeof body === "string") return Object.fromEntries(new URLSearchParams(body));
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
