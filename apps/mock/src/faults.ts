// Faults on request and by chance, in front of the engine: `Prefer: code=NNN` for any error status (declared ones
// answer the spec's example through the engine, others an answer in the API's shape made here), `Retry-After`,
// `Prefer: delay=<ms>`, `Prefer: fault=reset`, and `--faults` rules that hit a share of all requests.
import { ConnectionReset } from "./connection-reset.js";
import type { Handler, MockMode } from "./engine.js";
import { requestPreferencesOf } from "./prefer.js";
import { supportId } from "./sandbox/ids.js";
import type { OpenApiDocument } from "./spec-source.js";

/** One `--faults` rule: what happens, to which share (0 to 1) of the requests. */
export interface FaultRule {
  fault: { code: number } | { delay: number } | { reset: true };
  share: number;
}

/**
 * Reads `--faults`: comma-separated `<fault>:<share>`, where a fault is a status (`503`), `delay=<ms>` or `reset`,
 * and the share is from 0 to 1. `"503:0.1,delay=200:0.5"`: one request in ten answers 503, half wait 200 ms.
 */
export function parseFaults(text: string): FaultRule[] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d{3}|delay=\d+|reset)\s*:\s*(\d*\.?\d+)\s*$/.exec(part);
    const share = Number(match?.[2]);
    if (!match?.[1] || !(share >= 0 && share <= 1))
      throw new Error(`--faults: "${part}" is not <status|delay=ms|reset>:<share from 0 to 1>, e.g. 503:0.1`);
    const fault = match[1];
    if (fault === "reset") return { fault: { reset: true }, share };
    if (fault.startsWith("delay=")) {
      const delay = Number(fault.slice(6));
      if (delay > 60_000) throw new Error(`--faults: a delay is at most 60000 ms, got ${delay}`);
      return { fault: { delay }, share };
    }
    const code = Number(fault);
    if (code < 400 || code > 599) throw new Error(`--faults: a status fault is 400 to 599, got ${code}`);
    return { fault: { code }, share };
  });
}

export interface FaultOptions {
  mode: MockMode;
  /** The document being served (it can change on a reload): which statuses each operation declares. */
  document: () => OpenApiDocument;
  rules?: FaultRule[];
  /** Seed of the chance rules: the same seed hits the same requests, run after run. Default: random. */
  seed?: number;
}

/** The engine behind the request's `Prefer` faults and the `--faults` rules. */
export function withFaults(handle: Handler, { mode, document, rules = [], seed }: FaultOptions): Handler {
  const random = mulberry32(seed ?? Math.floor(Math.random() * 2 ** 32));
  return async (request) => {
    const url = new URL(request.url);
    const oauth = url.pathname === "/oauth/token";
    const preferences = requestPreferencesOf(request.headers.get("prefer"));
    if ("invalid" in preferences) return refusal(oauth, preferences.invalid);
    if (preferences.code !== undefined && (preferences.code < 100 || preferences.code > 599))
      return refusal(oauth, `Prefer: code must be an HTTP status from 100 to 599, got ${preferences.code}`);
    const picksAnswer = preferences.code !== undefined && preferences.code >= 400;
    if (mode === "sandbox" && !picksAnswer) {
      if (preferences.exampleKey !== undefined)
        return refusal(
          oauth,
          "Prefer: example picks one of the spec's examples, which the sandbox does not serve: it answers from its customers. Use it with code=NNN (an error's example) or start the mock with --static",
        );
      if (preferences.dynamic === true)
        return refusal(
          oauth,
          "Prefer: dynamic=true generates a body from the schema, which the sandbox does not do: it answers from its customers. Use it with code=NNN or start the mock with --dynamic",
        );
    }

    const chance = preferences.code === undefined && preferences.fault === undefined ? drawn(rules, random) : {};
    const delay = (preferences.delay ?? 0) + (chance.delay ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (preferences.fault === "reset" || chance.reset) throw new ConnectionReset();

    const code = preferences.code ?? chance.code;
    if (code === undefined || code < 400) return handle(request);
    const retryAfter = preferences.retryAfter ?? (code === 429 || code === 503 ? 1 : undefined);
    let response: Response;
    if (declares(document(), request.method, url.pathname, code)) {
      const headers = new Headers(request.headers);
      if (preferences.code === undefined) headers.set("prefer", `code=${code}`);
      response = await handle(new Request(request, { headers }));
    } else {
      response = simulated(oauth, code);
    }
    if (retryAfter !== undefined) response.headers.set("retry-after", String(retryAfter));
    return response;
  };
}

/** What the chance rules hit this time: each rule draws on its own, delays add up, the first status or reset wins. */
function drawn(rules: FaultRule[], random: () => number): { delay?: number; code?: number; reset?: true } {
  const hit: { delay?: number; code?: number; reset?: true } = {};
  for (const { fault, share } of rules) {
    if (random() >= share) continue;
    if ("delay" in fault) hit.delay = (hit.delay ?? 0) + fault.delay;
    else if (hit.code === undefined && !hit.reset) Object.assign(hit, fault);
  }
  return hit;
}

/** True when the operation at `path` declares `code` itself (then its documented example answers). */
function declares(document: OpenApiDocument, method: string, path: string, code: number): boolean {
  for (const [template, item] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (!pattern.test(path)) continue;
    const operation = item[method.toLowerCase()] as { responses?: Record<string, unknown> } | undefined;
    return operation?.responses?.[String(code)] !== undefined;
  }
  return false;
}

const exceptionNames: Record<number, string> = {
  400: "ProductFormatException",
  401: "ProductNotAllowedException",
  403: "ProductNotAllowedException",
  404: "ProductNotFoundException",
};

/** An error the spec does not declare for the operation, in the API's shape (OAuth's for the token endpoint). */
function simulated(oauth: boolean, code: number): Response {
  const details = `A simulated HTTP ${code} (Prefer: code=${code} or --faults)`;
  const body = oauth
    ? {
        error: code === 503 ? "temporarily_unavailable" : code >= 500 ? "server_error" : "invalid_request",
        error_description: details,
      }
    : {
        status: "error",
        error: exceptionNames[code] ?? (code >= 500 ? "ProductInternalException" : "ProductException"),
        error_details: details,
        error_user: "Es ist ein Fehler aufgetreten, Ihre Anfrage konnte nicht bearbeitet werden.",
        code: 0,
        supportId: supportId(),
      };
  return Response.json(body, { status: code, headers: jsonType });
}

/** A `Prefer` the mock cannot honour: 400 in the API's shape, saying why. */
function refusal(oauth: boolean, details: string): Response {
  const body = oauth
    ? { error: "invalid_request", error_description: details }
    : {
        status: "error",
        error: "ProductFormatException",
        error_details: details,
        error_user: "Die Anfrage hat ein ungültiges Format.",
        code: 0,
        supportId: supportId(),
      };
  return Response.json(body, { status: 400, headers: jsonType });
}

const jsonType = { "content-type": "application/json; charset=UTF-8" };

/** A small seeded generator (mulberry32): reproducible chance, no dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
