// The API reference in the browser: answers `GET /` with the page built by apps/docs (shipped in dist/docs/),
// `GET /reference/...` with its scripts, `GET /openapi.yaml` (and .json) with the spec, and `GET /client/...` with
// the client reference.
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
  const folder = ["/client/", "/reference/"].find((prefix) => pathname.startsWith(prefix));
  if (!folder) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(1));
  } catch {
    return undefined;
  }
  if (relative.endsWith("/")) relative += "index.html";
  // A decoded path may hold `..` or `\`: only a file inside that folder of docs/ is served.
  const file = new URL(relative.replaceAll("\\", "/"), docsDir);
  return file.href.startsWith(new URL(folder.slice(1), docsDir).href) ? file : undefined;
}

/**
 * The page runs the requests a visitor tries, so it must not run anyone else's script or be framed by another site:
 * scripts, styles, images and requests from this server only (Scalar adds its styles inline, and TypeDoc's pages
 * set their theme with a small inline script), no framing, no guessing of content types.
 */
export function securityHeaders(pathname: string): Record<string, string> {
  const script = pathname.startsWith("/client/") ? "'self' 'unsafe-inline'" : "'self'";
  const policy = [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return {
    "content-security-policy": policy.join("; "),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  };
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
  const { pathname } = new URL(request.url);
  const file = docsFile(pathname);
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
    ...securityHeaders(pathname),
  };
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
}
