import type { PlainRequest } from "./plain-messages.js";

/**
 * The request with each run of slashes in its path merged into one (`//oauth/token` is `/oauth/token`), as the web
 * servers in front of APIs commonly do. The official JavaScript SDK posts its token request to `//oauth/token` in
 * every release since 1.3.0 (its Authenticator joins `host + "/"` and `"/oauth/token"`), and it got tokens from the
 * API, so the API answers that path. The query is left as it is.
 */
export function withMergedSlashes(request: PlainRequest): PlainRequest {
  if (!request.url.pathname.includes("//")) return request;
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(/\/{2,}/g, "/");
  return { ...request, url };
}
