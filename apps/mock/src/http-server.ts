// The HTTP shell: each Node request becomes a web `Request` for one handler, whose `Response` goes back out.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { bodyTooLarge, readNodeBody } from "./body-limit.js";
import type { Handler } from "./engine.js";

/** A Node HTTP server around `handle`, answering CORS preflights and adding CORS headers as Prism's server does. */
export function createHttpServer(handle: Handler, { maxBody }: { maxBody: number }): Server {
  return createServer((incoming, outgoing) => {
    serve(incoming, outgoing, handle, maxBody).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end("The mock failed to answer");
    });
  });
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handle: Handler,
  maxBody: number,
): Promise<void> {
  const cors = corsHeaders(incoming);
  if (incoming.method === "OPTIONS" && incoming.headers.origin && incoming.headers["access-control-request-method"]) {
    outgoing.writeHead(204, {
      ...cors,
      "access-control-allow-methods": incoming.headers["access-control-request-method"],
      vary: "origin",
      "content-length": "0",
    });
    outgoing.end();
    return;
  }
  const path = incoming.url?.startsWith("/") ? incoming.url : "/";
  const chunks = await readNodeBody(incoming, maxBody);
  if (!chunks) {
    const answer = bodyTooLarge(path, maxBody);
    outgoing.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...cors });
    outgoing.end(await answer.text());
    return;
  }
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
  }
  const method = incoming.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const response = await handle(
    new Request(`http://${incoming.headers.host ?? "localhost"}${path}`, { method, headers, body }),
  );
  const answer = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors });
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
