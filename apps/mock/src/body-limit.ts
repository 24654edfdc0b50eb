// Request bodies have a size limit (1 MiB unless configured): a larger one is answered 413 before it is read whole,
// from its Content-Length when it has one, else as soon as the bytes streamed in pass the limit.
import type { IncomingMessage } from "node:http";
import { supportId } from "./sandbox/ids.js";

export const defaultMaxBody = 1024 * 1024;

/** 413 in the shape of the endpoint: OAuth's error for the token endpoint, the API's `ProductExceptionPayload` else. */
export function bodyTooLarge(path: string, limit: number): Response {
  const description = `The request body is larger than the sandbox's limit of ${limit} bytes`;
  const body = path.startsWith("/oauth/")
    ? { error: "invalid_request", error_description: description }
    : {
        status: "error",
        error: "ProductFormatException",
        error_details: description,
        error_user: "Die Anfrage hat ein ungültiges Format.",
        code: 0,
        supportId: supportId(),
      };
  return new Response(JSON.stringify(body), {
    status: 413,
    // The rest of the body is not read: the connection cannot carry another request.
    headers: { "content-type": "application/json", connection: "close" },
  });
}

const declaredLength = (value: string | null | undefined) => (value ? Number(value) : 0);

/** A Node request's body, or `undefined` as soon as it is over `limit` (the rest is then discarded unread). */
export function readNodeBody(incoming: IncomingMessage, limit: number): Promise<Buffer[] | undefined> {
  if (declaredLength(incoming.headers["content-length"]) > limit) {
    incoming.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      incoming.off("data", take);
      incoming.resume();
      resolve(undefined);
    };
    incoming.on("data", take);
    incoming.once("end", () => resolve(chunks));
    incoming.once("error", reject);
  });
}

/** A web request with its body read (at most `limit` bytes), or the 413 answer. */
export async function readRequestBody(request: Request, limit: number): Promise<Request | Response> {
  const path = new URL(request.url).pathname;
  if (!request.body) return request;
  if (declaredLength(request.headers.get("content-length")) > limit) return bodyTooLarge(path, limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return bodyTooLarge(path, limit);
    }
    chunks.push(value);
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
}
