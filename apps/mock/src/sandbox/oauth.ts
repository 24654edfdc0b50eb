// The sandbox's token endpoint: a distinct token per request, each bound to its client id (the merchant).
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

export interface TokenIssuer {
  /** Answers a token request (form fields or JSON already parsed into `fields`). */
  issue(fields: Record<string, unknown>): IHttpResponse;
  /** The client id a valid token belongs to, `undefined` for a missing, unknown or expired one. */
  merchantOf(authorization: string | undefined): string | undefined;
}

export function createTokenIssuer({ ttlSeconds, credentials, now }: TokenIssuerOptions): TokenIssuer {
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();

  const forget = (time: number) => {
    for (const [token, { expiresAt }] of tokens) if (expiresAt <= time) tokens.delete(token);
  };

  return {
    issue(fields) {
      const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "");
      const grant = text("grant_type");
      if (grant === "") return oauthError("invalid_request", "The grant type was not specified in the request");
      if (grant !== "client_credentials") {
        return oauthError("unsupported_grant_type", `Grant type "${grant}" is not supported by the sandbox`);
      }
      const clientId = text("client_id");
      const secret = text("client_secret");
      const known = credentials ? credentials.get(clientId) === secret : clientId !== "" && secret !== "";
      if (!known) return oauthError("invalid_client", "Client credentials were not found in the headers or body");

      const time = now();
      if (tokens.size > 10_000) forget(time);
      const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => (byte % 36).toString(36)).join("");
      tokens.set(token, { clientId, expiresAt: time + ttlSeconds * 1000 });
      return json(200, {
        access_token: token,
        expires_in: ttlSeconds,
        token_type: "bearer",
        scope: "https://scope.secucard.com/e/api",
      });
    },
    merchantOf(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
      const entry = token === undefined ? undefined : tokens.get(token);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        tokens.delete(token as string);
        return undefined;
      }
      return entry.clientId;
    },
  };
}
