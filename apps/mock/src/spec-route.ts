// `GET /openapi.json` and `/openapi.yaml`: the document the mock serves right now (a reloaded `--spec` included),
// with `servers` naming the URL the mock really runs on, so a tool that reads it calls this mock.
import { securityHeaders } from "./docs-route.js";
import type { OpenApiDocument } from "./spec-source.js";

export function specRoute(document: () => OpenApiDocument, url: () => string) {
  return async (request: Request): Promise<Response | undefined> => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const { pathname } = new URL(request.url);
    if (pathname !== "/openapi.json" && pathname !== "/openapi.yaml") return undefined;
    const served = { ...document(), servers: [{ url: url(), description: "this mock" }] };
    const json = pathname.endsWith(".json");
    // YAML's writer loads only when the YAML document is asked for (the mock's start stays light).
    const text = json
      ? JSON.stringify(served, null, 2)
      : (await import("@stoplight/yaml")).safeStringify(served, { lineWidth: 120 });
    const type = json ? "application/json" : "application/yaml; charset=utf-8";
    return new Response(request.method === "HEAD" ? null : text, {
      headers: { "content-type": type, "cache-control": "no-cache", ...securityHeaders(pathname) },
    });
  };
}
