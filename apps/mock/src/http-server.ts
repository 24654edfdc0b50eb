// The HTTP shell: each Node request becomes a plain request (plain-messages.ts) for the `plain` handler, whose plain
// answer goes back out; what that one leaves (returns undefined for) becomes a web `Request` for `handle`, whose
// `Response` goes back out. Bodies the shell or the engine hold already pass beside the web objects
// (known-bodies.ts), never read from them twice.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { IHttpResponse } from "@stoplight/prism-http";
import { bodyTooLarge, readNodeBody } from "./body-limit.js";
import { ConnectionReset } from "./connection-reset.js";
import type { Handler } from "./engine.js";
import { knownBody, withKnownBody } from "./known-bodies.js";
import type { PlainAnswer, PlainRequest } from "./plain-messages.js";
import { formatError, methodNotAllowed } from "./sandbox/answers.js";

/** Answers a plain request, or leaves it (undefined) to the web handler. */
export type PlainHandler = (request: PlainRequest) => Promise<PlainAnswer | undefined>;

/**
 * A Node HTTP server around `plain` and `handle`, answering CORS preflights and adding CORS headers as the API does
 * (`cors: false` leaves both out). A handler that throws {@link ConnectionReset} gets the connection dropped.
 */
export function createHttpServer(
  handle: Handler,
  { maxBody, cors = true, plain }: { maxBody: number; cors?: boolean; plain?: PlainHandler },
): Server {
  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing, handle, plain, maxBody, cors ? corsHeaders : {}).catch((error) => {
      if (error instanceof ConnectionReset) {
        incoming.socket.destroy();
        return;
      }
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end("The mock failed to answer");
    });
  });
  // Idle connections stay open longer than client pools keep them (undici 4 s, many agents and proxies 60 s), so a
  // client never reuses a connection the server is closing at that moment; the headers' limit must be above it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handle: Handler,
  plain: PlainHandler | undefined,
  maxBody: number,
  cors: Record<string, string>,
): Promise<void> {
  const preflighting = incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"];
  if (cors === corsHeaders && preflighting && incoming.headers.origin) {
    outgoing.writeHead(204, { ...cors, ...preflight, "content-length": "0" });
    outgoing.end();
    return;
  }
  // The path comes from the request line only, never from `Host` (absolute-form `GET http://host/path` included).
  const target = requestTarget(incoming.url);
  const host = incoming.headers.host ?? "localhost";
  const refusal: IHttpResponse | undefined = !methods.includes(incoming.method ?? "")
    ? methodNotAllowed(methods.join(", "))
    : target === undefined
      ? formatError("The request target is neither a path nor an absolute http URL")
      : !validHost(host)
        ? formatError("The Host header is not a host name or address with an optional port")
        : undefined;
  if (refusal) {
    incoming.resume();
    outgoing.writeHead(refusal.statusCode, {
      ...(refusal.headers as Record<string, string>),
      "content-type": "application/json; charset=UTF-8",
      ...cors,
      connection: "close",
    });
    outgoing.end(JSON.stringify(refusal.body));
    return;
  }
  const chunks = await readNodeBody(incoming, maxBody);
  if (!chunks) {
    const answer = bodyTooLarge(new URL(target ?? "/", "http://localhost").pathname, maxBody);
    outgoing.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...cors });
    outgoing.end(await answer.text());
    return;
  }
  const method = incoming.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const headers = headerRecord(incoming.rawHeaders);
  const url = new URL(`http://${host}${target}`);
  const web = () => {
    const request = new Request(url, { method, headers, body });
    return body ? withKnownBody(request, body) : request;
  };
  const bodiless = (status: number) => method === "HEAD" || status === 204 || status === 304;
  const plainAnswer = plain && (await plain({ method, url, headers, ...(body ? { body } : {}) }));
  if (plainAnswer) {
    const text = plainAnswer.body ?? "";
    // The whole answer is at hand: say its length instead of sending it chunked (none on answers without a body).
    const length = bodiless(plainAnswer.status) ? {} : { "content-length": String(Buffer.byteLength(text)) };
    outgoing.writeHead(plainAnswer.status, { ...plainAnswer.headers, ...cors, ...length });
    outgoing.end(text);
    return;
  }
  const response = await handle(web());
  // An answer the engine built from text it held is written from that text, not read back from its stream.
  const known = knownBody(response);
  // Text goes out as text: Node writes the head and a string body as one write, a Buffer body as a second one.
  const answer = known ?? Buffer.from(await response.arrayBuffer());
  const length = bodiless(response.status) ? {} : { "content-length": String(Buffer.byteLength(answer)) };
  outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors, ...length });
  outgoing.end(answer);
}

/** Node's raw header lines as web `Headers` hold them: lower-case names, a repeated header's values joined. */
function headerRecord(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

// As the API (recorded): any origin may read the answers, none with credentials, preflights cached 600 s. The
// origin is never reflected: a page cannot use a developer's sandbox session, since there is none to send.
const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"];
const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "warning, sl-violations, content-language",
};
const preflight: Record<string, string> = {
  "access-control-allow-methods": methods.join(", "),
  "access-control-allow-headers": "authorization, content-type, accept, prefer",
  "access-control-max-age": "600",
};

/** The path and query of a request line in origin-form (`/path`) or absolute-form (`http://host/path`). */
function requestTarget(url: string | undefined): string | undefined {
  if (url?.startsWith("/")) return url;
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return undefined;
  }
}

/** A `Host` header of a host name, IPv4 or bracketed IPv6 address, and an optional port. */
const validHost = (host: string | undefined) =>
  host !== undefined && /^([A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host);
