// The API reference in the browser: answers `GET /` with the page built by apps/docs (shipped in dist/docs/),
// `GET /openapi.yaml` (and .json) with the spec, and `GET /client/...` with the client reference.
// A web-standard handler, so any server shell can use it.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";

/** The built pages, copied next to this module at build time. */
const docsDir = new URL("./docs/", import.meta.url);

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".yaml": "application/yaml; charset=utf-8",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The file under dist/docs/ that answers a path, or `undefined` when the path is not one of the pages'. */
function docsFile(pathname: string): URL | undefined {
  if (pathname === "/") return new URL("index.html", docsDir);
  if (pathname === "/openapi.yaml" || pathname === "/openapi.json") return new URL(pathname.slice(1), docsDir);
  if (!pathname.startsWith("/client/")) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(1));
  } catch {
    return undefined;
  }
  if (relative.endsWith("/")) relative += "index.html";
  // A decoded path may hold `..` or `\`: only a file inside docs/client/ is served.
  const file = new URL(relative.replaceAll("\\", "/"), docsDir);
  return file.href.startsWith(new URL("client/", docsDir).href) ? file : undefined;
}

/**
 * Answers the API reference page (`GET /`) and its files; `undefined` for every other request, which then goes to
 * the API. `HEAD` is answered too.
 *
 * @example
 * const answer = (await docsRoute(request)) ?? (await api(request));
 */
export async function docsRoute(request: Request): Promise<Response | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const file = docsFile(new URL(request.url).pathname);
  if (!file) return undefined;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return undefined; // not a file of the pages: the API answers (with its 404)
  }
  const headers = {
    "content-type": contentTypes[extname(file.pathname)] ?? "application/octet-stream",
    "content-length": String(body.byteLength),
    "cache-control": "no-cache",
  };
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
}
