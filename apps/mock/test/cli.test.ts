// The bin's flags, its banner and its errors.
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startMock } from "../dist/index.js";
import { portIsFree, type RunningBin, runBin, runBinToExit } from "./run-bin.js";

describe("payment-customers-mock", () => {
  it("--help prints the usage and exits 0", async () => {
    const { code, output } = await runBinToExit(["--help"]);
    expect(code).toBe(0);
    expect(output).toContain("Usage: payment-customers-mock");
    for (const flag of ["--static", "--dynamic", "--token-ttl", "--credentials", "--state"])
      expect(output).toContain(flag);
  });

  it.each([
    [["--port", "abc"], /--port must be a whole number from 0 to 65535, got "abc"/],
    [["--port", "70000"], /--port must be a whole number/],
    [["--seed", "1"], /--seed only applies with --dynamic/],
    [["--dynamic", "--seed", "x"], /--seed must be a whole number/],
    [["--colour"], /Unknown option '--colour'/],
    [["--static", "--dynamic"], /--static and --dynamic exclude each other/],
    [["--static", "--state", "x.json"], /--state only applies to the sandbox/],
    [["--token-ttl", "0"], /--token-ttl must be at least 1 second/],
    [["--credentials", "nosecret"], /--credentials must be id:secret pairs/],
  ])("%j exits 2 with a clear message", async (args, message) => {
    const { code, output } = await runBinToExit(args);
    expect(code).toBe(2);
    expect(output).toMatch(message);
    expect(output).toContain("Usage:");
  });

  it("says so when the port is taken, and exits 1", async () => {
    // Any server holds the port as well as a first mock would.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const { code, output } = await runBinToExit(["--port", String((holder.address() as AddressInfo).port)]);
      expect(code).toBe(1);
      expect(output).toMatch(/EADDRINUSE.*the port is taken/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  // One bin for its banner and its Ctrl+C: a cold start costs a second and a half of CPU, and reading the banner
  // changes nothing in the process that SIGINT then stops.
  describe("one run of --port 0", () => {
    let bin: RunningBin;
    beforeAll(async () => {
      bin = await runBin(["--port", "0"]);
      await vi.waitFor(() => expect(bin.output()).toContain("Press Ctrl+C to stop."), { timeout: 30_000 });
    });
    afterAll(() => bin?.stop("SIGKILL"));

    it("prints the base URL, the endpoints and how to get a token", () => {
      const output = bin.output();
      expect(output).toContain(`POST    ${bin.url}/oauth/token`);
      expect(output).toContain(`DELETE  ${bin.url}/api/v2/Payment/Customers/{paymentCustomerId}`);
      expect(output).toContain(`curl -s ${bin.url}/oauth/token -d grant_type=client_credentials`);
    });

    // The docs are on by default (test/docs-route.test.ts has the pages and --no-docs).
    it("names the API reference page in the banner", () => {
      expect(bin.output()).toContain(`API reference (open it in a browser, try requests there): ${bin.url}/`);
    });

    it("stops on SIGINT (Ctrl+C) with exit code 0 and frees the port", async () => {
      expect(await bin.stop("SIGINT")).toBe(0);
      expect(await portIsFree(Number(new URL(bin.url).port))).toBe(true);
    });
  });

  // The second run is startMock in this process: still two processes on one seed, with one cold start fewer.
  it("--dynamic --seed 1 twice gives the same body", async () => {
    const body = async (url: string) => {
      const answer = await fetch(`${url}/api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ`, {
        headers: { authorization: "Bearer token" },
        signal: AbortSignal.timeout(30_000),
      });
      expect(answer.status).toBe(200);
      return answer.text();
    };
    const bin = await runBin(["--port", "0", "--dynamic", "--seed", "1"]);
    const fromBin = await body(bin.url).finally(() => bin.stop());
    const mock = await startMock({ port: 0, mode: "dynamic", seed: 1 });
    const inProcess = await body(mock.url).finally(() => mock.close());
    expect(fromBin).toBe(inProcess);
    expect(fromBin).not.toContain("Mustermann");
  });
});
