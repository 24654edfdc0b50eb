// The sandbox's control surface under `/__sandbox/` (no API path starts so): health, reset and seeding, for test
// set-ups and scripts. No token: anyone who can reach the mock's port can use it, which is why the mock listens on
// 127.0.0.1 unless told otherwise.
import type { MockMode } from "./engine.js";
import type { CustomerStore } from "./sandbox/store.js";
import { SeedError, type Seeder } from "./seed-data.js";

export const controlPrefix = "/__sandbox/";

export interface ControlOptions {
  mode: MockMode;
  store: CustomerStore;
  seeder: Seeder;
  /** Where the served spec comes from, for `health`. */
  specFile: string;
  /** Runs after a change (persistence writes the state file). */
  afterChange?: () => Promise<void>;
}

/** Answers `/__sandbox/...`; `undefined` for every other path. */
export function controlRoute({ mode, store, seeder, specFile, afterChange }: ControlOptions) {
  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(controlPrefix)) return undefined;
    const path = url.pathname.slice(controlPrefix.length);
    const route = `${request.method} ${path.replace(/^merchants\/[^/]+\/customers$/, "merchants/{clientId}/customers")}`;
    if (route === "GET health" || route === "HEAD health") {
      const merchants = Object.entries(store.contents());
      return Response.json({
        status: "ok",
        mode,
        spec: specFile,
        merchants: merchants.length,
        customers: merchants.reduce((sum, [, customers]) => sum + customers.length, 0),
      });
    }
    const known = ["POST reset", "POST merchants/{clientId}/customers"];
    if (!known.includes(route)) {
      const allowed = path === "health" || path === "reset" || route.endsWith("{clientId}/customers");
      return control(allowed ? 405 : 404, `${request.method} ${url.pathname} is not a control path; see the README`);
    }
    if (mode !== "sandbox") return control(409, `the ${mode} mode keeps no customers; only the sandbox does`);

    if (route === "POST reset") {
      const merchant = url.searchParams.get("merchant");
      if (merchant === null) store.reset();
      else for (const { id } of store.query(merchant).items) store.delete(merchant, id);
      await afterChange?.();
      return Response.json({ reset: merchant ?? "all" });
    }
    let merchant: string;
    try {
      merchant = decodeURIComponent(path.split("/")[1] as string);
    } catch {
      return control(400, "the client id in the path is not valid percent-encoding");
    }
    let list: unknown;
    try {
      list = await request.json();
    } catch {
      return control(400, 'the body must be a JSON list of create bodies: [{"contact": {...}}, ...]');
    }
    if (!Array.isArray(list)) return control(400, 'the body must be a JSON list: [{"contact": {...}}, ...]');
    try {
      return Response.json({ merchant, created: await seeder.seed(merchant, list) });
    } catch (error) {
      if (error instanceof SeedError) return control(error.status, error.message, error.answer);
      throw error;
    }
  };
}

const control = (status: number, error: string, answer?: unknown) =>
  Response.json(answer === undefined ? { error } : { error, answer }, { status });
