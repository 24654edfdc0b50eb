import { describe, expect, it, vi } from "vitest";
import { startMock } from "../dist/index.js";
import { portIsFree, processExists, runBin } from "./run-bin.js";

const portOf = (url: string) => Number(new URL(url).port);
const listeningServers = () => process.getActiveResourcesInfo().filter((name) => name === "TCPServerWrap").length;

describe("start and stop", () => {
  it("startMock five times in a row leaves no port and no listening server behind", async () => {
    const before = listeningServers();
    for (let run = 0; run < 5; run++) {
      const mock = await startMock({ port: 0 });
      const answer = await fetch(`${mock.url}/oauth/token`, { method: "POST", signal: AbortSignal.timeout(30_000) });
      expect(answer.status).toBeLessThan(500);
      await answer.arrayBuffer();
      await mock.close();
      await mock.close(); // a second close is harmless
      expect(await portIsFree(portOf(mock.url))).toBe(true);
    }
    // Node reports a closed server handle until the next turns of the event loop.
    await vi.waitFor(() => expect(listeningServers()).toBe(before));
  });

  it("startMock resolves once the server answers and, with mode static, serves the spec's examples", async () => {
    const mock = await startMock({ port: 0, mode: "static" });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await fetch(`${mock.url}/api/v2/Payment/Customers`, {
        headers: { authorization: "Bearer token" },
        signal: AbortSignal.timeout(30_000),
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ count: 57 });
    } finally {
      await mock.close();
    }
  });

  // Twice, not five times like startMock above: each bin is a new process with nothing carried over from the last but
  // the machine's ports and processes, which the second run and the checks after each run look at; three more cold
  // starts (a second and a half of CPU each) would test the same again. SIGINT: test/cli.test.ts.
  it("the bin twice in a row: each run stops on SIGTERM with exit code 0, leaving no process and no port", async () => {
    for (let run = 0; run < 2; run++) {
      const bin = await runBin(["--port", "0"]);
      const answer = await fetch(`${bin.url}/api/v2/Payment/Customers`, { signal: AbortSignal.timeout(30_000) });
      expect(answer.status).toBe(401);
      await answer.arrayBuffer();
      expect(await bin.stop()).toBe(0);
      expect(processExists(bin.child.pid ?? -1)).toBe(false);
      expect(await portIsFree(portOf(bin.url))).toBe(true);
    }
  }, 300_000);
});
