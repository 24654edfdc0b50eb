// The bin's basics: --version, short flags, PORT, --cors=false, the document's URL, a banner command that works.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBin, runBinToExit } from "../run-bin.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

describe("payment-customers-mock flags", () => {
  it.each([["--version"], ["-v"]])("%s prints the version and exits 0", async (flag) => {
    const { code, output } = await runBinToExit([flag]);
    expect(code).toBe(0);
    expect(output.trim()).toBe(version);
  });

  it("-h prints the usage", async () => {
    const { code, output } = await runBinToExit(["-h"]);
    expect(code).toBe(0);
    for (const flag of ["--spec", "--faults", "--seed-data", "--log-format", "--quiet", "--cors=false", "proxy"])
      expect(output).toContain(flag);
  });

  it("-p, --cors=false, --no-docs, --credentials: the banner's curl gets a token; /openapi.json names the mock", async () => {
    const bin = await runBin(["-p", "0", "--cors=false", "--no-docs", "--credentials", "ci-id:ci-secret"]);
    try {
      await expect.poll(bin.output).toContain("Press Ctrl+C to stop.");
      const curl = /^\s*(curl -s \S+\/oauth\/token .*)$/m.exec(bin.output())?.[1] as string;
      expect(curl).toContain("client_id=ci-id -d client_secret=ci-secret");
      const token = JSON.parse(execFileSync("sh", ["-c", curl], { encoding: "utf8" })) as { access_token?: string };
      expect(token.access_token).toEqual(expect.any(String));

      const document = await fetch(`${bin.url}/openapi.json`, { headers: { origin: "http://example.test" } });
      expect(document.headers.get("access-control-allow-origin")).toBeNull();
      expect(((await document.json()) as { servers: { url: string }[] }).servers).toEqual([
        { url: bin.url, description: "this mock" },
      ]);
      const preflight = await fetch(`${bin.url}/api/v2/Payment/Customers`, {
        method: "OPTIONS",
        headers: { origin: "http://example.test", "access-control-request-method": "GET" },
      });
      expect(preflight.status).not.toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      await preflight.arrayBuffer();
    } finally {
      await bin.stop();
    }
  });

  it("takes the port from PORT when no --port is given", async () => {
    const { code, output } = await runBinToExit(["--cors=maybe"]);
    expect(code).toBe(2);
    expect(output).toMatch(/--cors must be true or false/);
    process.env.PORT = "0";
    try {
      const bin = await runBin([]);
      expect(new URL(bin.url).port).not.toBe("4010");
      await bin.stop();
    } finally {
      delete process.env.PORT;
    }
  });
});
