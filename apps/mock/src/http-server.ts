// The HTTP shell: each Node request becomes a web `Request` for one handler, whose `Response` goes back out.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ConnectionReset } from "./connection-reset.js";
import type { Handler } from "./engine.js";

/**
 * A Node HTTP server around `handle`, answering CORS preflights and adding CORS headers as Prism's server does
 * (`cors: false` leaves both out). A handler that throws {@link ConnectionReset} gets the connection dropped.
 */
export function createHttpServer(handle: Handler, { cors = true }: { cors?: boolean } = {}): Server {
  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing, handle, cors).catch((error) => {
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
  withCors: boolean,
): Promise<void> {
  const cors = withCors ? corsHeaders(incoming) : {};
  if (
    withCors &&
    incoming.method === "OPTIONS" &&
    incoming.headers.origin &&
    incoming.headers["access-control-request-method"]
  ) {
    outgoing.writeHead(204, {
      ...cors,
      "access-control-allow-methods": incoming.headers["access-control-request-method"],
      vary: "origin",
      "content-length": "0",
    });
    outgoing.end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
  }
  const path = incoming.url?.startsWith("/") ? incoming.url : "/";
  const method = incoming.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const response = await handle(
    new Request(`http://${incoming.headers.host ?? "localhost"}${path}`, { method, headers, body }),
  );
  const answer = Buffer.from(await response.arrayBuffer());
  // The whole answer is at hand: say its length instead of sending it chunked (none on answers without a body).
  const bodiless = method === "HEAD" || response.status === 204 || response.status === 304;
  const length = bodiless ? {} : { "content-length": String(answer.length) };
  outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors, ...length });
  outgoing.end(answer);
}

function corsHeaders(incoming: IncomingMessage): Record<string, string> {
  const { headers } = incoming;
  return {
    "access-control-allow-origin": headers.origin ?? "*",
    "access-control-allow-headers": headers["access-control-request-headers"] ?? "*",
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": (headers["access-control-expose-headers"] as string | undefined) ?? "*",
  };
}
