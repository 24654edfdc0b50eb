// Each attempt's limit is a timer of its own (transport.ts): it must hold a process open exactly while an attempt
// waits, and fire for each call's own limit, a later call's shorter one included.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createPaymentCustomersClient } from "../../src/index.js";
import { customerId } from "./fault-server.js";

const built = new URL("../../dist/index.js", import.meta.url).href;

/** Runs `body` as an ES module in a new Node process, after a client with a stubbed fetch is made. */
function runNode(fetchSource: string, timeoutMs: number, body: string) {
  const script = `
    import { createPaymentCustomersClient } from ${JSON.stringify(built)};
    const customer = { object: "payment.customers", id: ${JSON.stringify(customerId)}, contact: {} };
    const client = createPaymentCustomersClient({
      environment: "https://connect-testing.secuconnect.com", accessToken: "token", maxRetries: 0,
      timeoutMs: ${timeoutMs}, fetch: ${fetchSource},
    });
    ${body}`;
  return new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = execFile(process.execPath, ["--input-type=module", "-e", script], (_error, stdout) =>
      resolve({ code: child.exitCode, stdout }),
    );
  });
}

/** A fetch that answers only when aborted (with the abort): nothing of it holds the process open. */
const hanging = (request: Request) =>
  new Promise<Response>((_resolve, reject) =>
    request.signal.addEventListener("abort", () => reject(request.signal.reason)),
  );

describe("the timers of the attempts' limits", () => {
  it("lets a process end after its last call, though the limit is weeks long", async () => {
    const answering = "async () => Response.json(customer)";
    const { code, stdout } = await runNode(
      answering,
      2_000_000_000,
      `
      await client.customers.get(customer.id);
      await client.customers.get(customer.id);
      console.log("done");`,
    );
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: "done" });
  });

  it("holds a process open while an attempt waits on a fetch that holds nothing open, until the limit", async () => {
    // The first call answers (the timer is let go), the second waits: the timer must hold the process again.
    const firstAnswers = `(() => { let calls = 0; const hanging = ${hanging.toString()};
      return async (request) => (calls++ === 0 ? Response.json(customer) : hanging(request)); })()`;
    const { code, stdout } = await runNode(
      firstAnswers,
      200,
      `
      await client.customers.get(customer.id);
      const error = await client.customers.get(customer.id).catch((caught) => caught);
      console.log(error.kind);`,
    );
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: "timeout" });
  });

  it("fires for a later call's shorter limit while an earlier, longer one waits", async () => {
    const client = createPaymentCustomersClient({
      environment: "https://connect-testing.secuconnect.com",
      accessToken: "token",
      maxRetries: 0,
      fetch: hanging,
    });
    const controller = new AbortController();
    let longSettled = false;
    const long = client.customers.get(customerId, { timeoutMs: 600_000, signal: controller.signal }).finally(() => {
      longSettled = true;
    });
    await expect(client.customers.get(customerId, { timeoutMs: 50 })).rejects.toMatchObject({
      kind: "timeout",
      timeoutMs: 50,
    });
    expect(longSettled).toBe(false);
    controller.abort();
    await expect(long).rejects.toMatchObject({ name: "AbortError" });
  });
});
