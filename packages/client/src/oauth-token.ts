import type { OAuthTokenResponse } from "@payment-customers/types";
import { errorFromResponse, PaymentCustomersError, requestError } from "./errors.js";
import { releasedBy } from "./retry.js";
import type { RequestOptions, Send } from "./transport.js";

/** Returns a bearer token, e.g. from your own token cache, for grants this client does not run itself. */
export type AccessTokenProvider = () => string | Promise<string>;

/** The settings of the call that needs a token: its signal releases it, its limits apply to a token request. */
export type TokenOptions = Pick<RequestOptions, "signal" | "timeoutMs" | "maxRetries">;

/** Where the bearer tokens come from. */
export interface AccessTokens {
  get(options?: TokenOptions): Promise<string>;
  /** The token at hand without waiting (a fixed one, or a cached one still valid): one promise less per call. */
  current(): string | undefined;
  /** Called when the API rejected `token`; `false` when a new token cannot be had. */
  renew(token: string): boolean;
}

/** A token that can be sent in a header: visible ASCII, no spaces, no CR/LF (RFC 6750's b64token, leniently). */
export const usableToken = (token: unknown): token is string =>
  typeof token === "string" && /^[\x21-\x7e]+$/.test(token);

/**
 * A fixed token, or one your provider returns (asked again once when the API rejects it). The call's signal and
 * `timeoutMs` (default: the client's) release a call whose provider does not settle.
 */
export function providedTokens(accessToken: string | AccessTokenProvider, defaultTimeoutMs: number): AccessTokens {
  const fixed = typeof accessToken === "string";
  const failed = (what: string, cause?: unknown) =>
    new PaymentCustomersError({ kind: "auth", message: `accessToken ${what}`, cause });
  return {
    async get({ signal, timeoutMs = defaultTimeoutMs } = {}) {
      signal?.throwIfAborted();
      if (fixed) return accessToken;
      let token: unknown;
      try {
        token = await releasedBy(
          new Promise<unknown>((resolve) => resolve(accessToken())),
          signal,
          timeoutMs,
          () =>
            new PaymentCustomersError({
              kind: "timeout",
              message: `accessToken gave no token within ${timeoutMs} ms`,
              timeoutMs,
            }),
        );
      } catch (error) {
        if (signal?.aborted || error instanceof PaymentCustomersError) throw error;
        // Its message stays out of ours (it may quote a token); it is the cause.
        throw failed("failed (see cause)", error);
      }
      if (usableToken(token)) return token;
      // Never the value: it may be a token with one stray character.
      throw failed("gave no usable token");
    },
    current: () => (fixed ? accessToken : undefined),
    renew: () => !fixed,
  };
}

const tokenPath = "/oauth/token";
/** Without a valid `expires_in`, a token is kept for the API's documented lifetime; never for less than the floor. */
const defaultLifetimeSeconds = 1200;
const minLifetimeSeconds = 30;

/**
 * The OAuth 2.0 client credentials grant: one token, cached until shortly before `expires_in`, shared by all
 * calls; concurrent calls wait for the same token request, each released at once by its own signal.
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

  // With the limits of the call that started it, but not its signal: other calls may wait for the same token.
  async function requestToken({ timeoutMs, maxRetries }: TokenOptions): Promise<string> {
    const startedAt = Date.now();
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
    // Asking for a token twice is harmless, so the token request is retried like a GET.
    const { response, answer } = await send(
      async (signal, fetch) => {
        const request = new Request(baseUrl + tokenPath, { method: "POST", headers, body, signal, redirect: "manual" });
        const response = await fetch(request);
        const text = await response.text();
        let answer: Partial<OAuthTokenResponse> | undefined;
        try {
          answer = JSON.parse(text);
        } catch {}
        return { response, answer };
      },
      { timeoutMs, maxRetries },
      true,
    );
    if (!response.ok) throw tokenRequestError(response, answer);
    const { status } = response;
    if (!usableToken(answer?.access_token)) {
      const what = `answered ${status} without a usable access_token`;
      throw requestError("POST", tokenPath, what, { kind: "auth", status });
    }
    const expiresIn = Number(answer.expires_in);
    const lifetimeMs =
      1000 *
      (Number.isFinite(expiresIn) && expiresIn > 0 ? Math.max(expiresIn, minLifetimeSeconds) : defaultLifetimeSeconds);
    // Renew a minute early (a tenth of the lifetime for short ones), so no call goes out with a token about to expire.
    cached = { token: answer.access_token, renewAt: startedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return cached.token;
  }

  return {
    async get({ signal, ...limits } = {}) {
      signal?.throwIfAborted();
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= requestToken(limits).finally(() => {
        pending = undefined;
      });
      return signal ? releasedBy(pending, signal) : pending;
    },
    current: () => (cached && Date.now() < cached.renewAt ? cached.token : undefined),
    renew(token) {
      if (cached?.token === token) cached = undefined;
      return true;
    },
  };
}

function tokenRequestError(response: Response, answer: unknown): PaymentCustomersError {
  const error = errorFromResponse("POST", tokenPath, response, answer);
  if (response.status >= 500 || response.status === 429) return error;
  // The token endpoint answers 400 (invalid_client, ...) or 401 for credentials it does not accept.
  return new PaymentCustomersError({
    ...error,
    headers: response.headers,
    kind: "auth",
    message: `${error.message}. Check clientId and clientSecret (and the environment).`,
  });
}
