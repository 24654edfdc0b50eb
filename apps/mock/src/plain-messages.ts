// The engine's own request and answer: plain values the HTTP server reads from and writes to Node's messages
// directly. Building a web `Request`, its `Headers` and a `Response` for every request cost more than the rest of
// the shell; the web `Handler` (createSandbox, the MSW recipe, the control routes) is an adapter over these.
import { knownBody, withKnownBody } from "./known-bodies.js";

export interface PlainRequest {
  /** As sent (`GET`, `POST`, …). */
  method: string;
  /** Absolute, as a web `Request` has it: the path and query of the request line on `http://<Host>`. */
  url: URL;
  /** Lower-case names; a repeated header's values joined with `, `, as web `Headers` join them. */
  headers: Record<string, string>;
  /** The body's bytes; none for GET and HEAD or when empty. */
  body?: Uint8Array;
}

export interface PlainAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

/** A web `Request` as a plain one: its body read once (or taken from the HTTP server, known-bodies.ts). */
export async function plainRequestOf(request: Request): Promise<PlainRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const known = knownBody(request);
  const bytes =
    known === undefined
      ? request.body
        ? new Uint8Array(await request.arrayBuffer())
        : undefined
      : typeof known === "string"
        ? new TextEncoder().encode(known)
        : known;
  return {
    method: request.method,
    url: new URL(request.url),
    headers,
    ...(bytes && bytes.length > 0 ? { body: bytes } : {}),
  };
}

/** A plain answer as a web `Response`, its body remembered for the HTTP server (known-bodies.ts). */
export function webResponseOf({ status, headers, body }: PlainAnswer): Response {
  const response = new Response(body ?? null, { status, headers });
  return body === undefined ? response : withKnownBody(response, body);
}

/** A web `Response` (a failed save's, a fault's) as a plain answer. */
export async function plainAnswerOf(response: Response): Promise<PlainAnswer> {
  const known = knownBody(response);
  const body = typeof known === "string" ? known : response.body ? await response.text() : undefined;
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    ...(body === undefined ? {} : { body }),
  };
}
