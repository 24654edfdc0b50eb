// The operations shipped in dist/operations.json (computed at build time, read by every start on the bundled spec)
// are exactly what Prism computes from the shipped spec at run time: a start that skips Prism's spec readers routes
// and validates against the same operations.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { describe, expect, it } from "vitest";

const dist = new URL("../dist/", import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, dist), "utf8"));

describe("the bundled spec's operations", () => {
  it("equal Prism's operations of dist/openapi.json", async () => {
    const computed = await getHttpOperationsFromSpec(read("openapi.json"));
    expect(computed.length).toBeGreaterThan(0);
    expect(read("operations.json")).toEqual(JSON.parse(JSON.stringify(computed)));
  });

  it("ship in the package", () => {
    const manifest = createRequire(import.meta.url)("../package.json") as { files: string[] };
    expect(manifest.files).toContain("dist");
    expect(readFileSync(new URL("operations.json", dist), "utf8").length).toBeGreaterThan(0);
  });
});
