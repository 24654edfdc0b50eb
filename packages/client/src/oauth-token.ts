import type { OAuthTokenResponse } from "@payment-customers/types";
import { errorFromResponse, PaymentCustomersError, requestError } from "./errors.js";
import type { Answer, Attempt, Send } from "./transport.js";

/** Returns a bearer token, e.g. from your own token cache, for grants this client does not run itself. */
export type AccessTokenProvider = () => string | Promise<string>;

/** Where the bearer tokens come from. */
export interface AccessTokens {
  get(): Promise<string>;
  /** Called when the API rejected `token`; `false` when a new token cannot be had. */
  renew(token: string): boolean;
}

/** A fixed token, or one your provider returns (asked again once when the API rejects it). */
export function providedTokens(accessToken: string | AccessTokenProvider): AccessTokens {
  const get = typeof accessToken === "string" ? () => accessToken : accessToken;
  return { get: async () => get(), renew: () => typeof accessToken !== "string" };
}

const tokenPath = "/oauth/token";

/**
 * The OAuth 2.0 client credentials grant: one token, cached until shortly before `expires_in`, shared by all
 * calls; concurrent calls wait for the same token request.
 */
export function clientCredentialsTokens(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  send: Send,
  /** The client's default headers (`accept`, `user-agent`). */
  headers: Record<string, string>,
): AccessTokens {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const startedAt = Date.now();
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
    // Asking for a token twice is harmless, so the token request is retried like a GET.
    const { response, answer } = await send(
      async (signal, fetch) => {
        const response = await fetch(new Request(baseUrl + tokenPath, { method: "POST", headers, body, signal }));
        const text = await response.text();
        let answer: Partial<OAuthTokenResponse> | undefined;
        try {
          answer = JSON.parse(text);
        } catch {}
        return { response, answer };
      },
      { idempotent: true },
    );
    if (!response.ok) throw tokenRequestError(response, answer, clientSecret);
    if (typeof answer?.access_token !== "string") {
      const { status } = response;
      throw requestError("POST", tokenPath, `answered ${status} without an access_token`, { kind: "server", status });
    }
    const lifetimeMs = (Number(answer.expires_in) || 0) * 1000;
    // Renew a minute early (a tenth of the lifetime for short ones), so no call goes out with a token about to expire.
    cached = { token: answer.access_token, renewAt: startedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return cached.token;
  }

  return {
    async get() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    renew(token) {
      if (cached?.token === token) cached = undefined;
      return true;
    },
  };
}

function tokenRequestError(response: Response, answer: unknown, clientSecret: string): PaymentCustomersError {
  const error = errorFromResponse("POST", tokenPath, response, answer);
  if (response.status >= 500 || response.status === 429) return error;
  // The token endpoint answers 400 (invalid_client, ...) or 401 for credentials it does not accept.
  const scrub = (text?: string) => text?.split(clientSecret).join("[client secret]");
  return new PaymentCustomersError({
    ...error,
    kind: "auth",
    message: `${scrub(error.message)}. Check clientId and clientSecret (and the environment).`,
    errorDetails: scrub(error.errorDetails),
  });
}

/**
 * Sends a request with `Authorization: Bearer <token>`. When the API rejects the token (401, or 403 with code 2003),
 * the request was not processed: get a new token and send it once more.
 */
export function authorized(send: Send, tokens: AccessTokens): Send {
  return async (attempt, options) => {
    const token = await tokens.get();
    const answer = await send(withToken(attempt, token), options);
    if (!tokenRejected(answer) || !tokens.renew(token)) return answer;
    return send(withToken(attempt, await tokens.get()), options);
  };
}

function withToken<T extends Answer>(attempt: Attempt<T>, token: string): Attempt<T> {
  return (signal, fetch) =>
    attempt(signal, (request) => {
      request.headers.set("authorization", `Bearer ${token}`);
      return fetch(request);
    });
}

function tokenRejected({ response, error }: Answer): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return response.status === 401 || (response.status === 403 && String(code) === "2003");
}
