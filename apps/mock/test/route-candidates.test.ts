// Prism's router is handed only the operations a path can match (route-candidates.ts): for any path and method, it
// must pick the same operation, or fail with the same error, as when it is handed every operation of the spec.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { expect, it } from "vitest";
import { runs } from "../../../vitest.fast-check.mjs";
import { readOperations } from "../src/engine.js";
import { routeCandidates } from "../src/route-candidates.js";

type Operations = Awaited<ReturnType<typeof readOperations>>;
type Routed = { _tag: "Left"; left: Error } | { _tag: "Right"; right: Operations[number] };
// Prism's own router, the one the engine's Prism instance uses (not exported at the package's top level).
const { default: prismRoute } = createRequire(import.meta.url)("@stoplight/prism-http/dist/router/index.js") as {
  default: (options: { resources: Operations; input: object }) => Routed;
};

const operations = await readOperations(fileURLToPath(new URL("../dist/openapi.json", import.meta.url)));
const candidates = routeCandidates(operations);
const outcome = (routed: Routed) => (routed._tag === "Right" ? routed.right.id : `error: ${routed.left.name}`);

// Path segments from the spec's own templates (literal, as parameters, percent-encoded) and arbitrary text.
const literals = [...new Set(operations.flatMap((operation) => operation.path.split("/").slice(1)))];
const segment = fc.oneof(
  fc.constantFrom(...literals),
  fc.constantFrom(...literals).map((text) => encodeURIComponent(text).replace(/a/g, "%61")),
  fc.stringMatching(/^PCU_[A-Z0-9]{30}$/),
  fc.string({ maxLength: 6 }).map((text) => text.replace(/\//g, "")),
  fc.constantFrom("", "%", "%zz", "{paymentCustomerId}"),
);
const path = fc.oneof(
  fc.constantFrom(...operations.map((operation) => operation.path)),
  fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join("/")}`),
);

it("Prism's router picks the same operation or error from the candidates as from every operation", () => {
  fc.assert(
    fc.property(path, fc.constantFrom("get", "post", "put", "delete", "patch", "head", "options"), (path, method) => {
      const input = { method, url: { path, query: {} }, headers: {}, body: null };
      expect(outcome(prismRoute({ resources: candidates(path), input }))).toBe(
        outcome(prismRoute({ resources: operations, input })),
      );
    }),
    { numRuns: runs(500) },
  );
});

it("hands Prism only the operations of the template a path fits", () => {
  const byId = candidates("/api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ");
  expect(byId.length).toBeGreaterThan(0);
  expect(new Set(byId.map((operation) => operation.path))).toEqual(
    new Set(["/api/v2/Payment/Customers/{paymentCustomerId}"]),
  );
  expect(new Set(candidates("/oauth/token").map((operation) => operation.path))).toEqual(new Set(["/oauth/token"]));
});
