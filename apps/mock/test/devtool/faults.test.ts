// Faults through the bin: Prefer: code=NNN for any error status, Retry-After, delay, reset, the sandbox's refusal
// of Prefer values it cannot honour, seeded --faults; and our client against them (timeouts, retries).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, startMock } from "../../dist/index.js";
import { type RunningBin, runBin, runBinToExit } from "../run-bin.js";
import {
  createPaymentCustomersClient,
  type PaymentCustomerInput,
  PaymentCustomersError,
} from "../with-client/client.js";

const customers = "/api/v2/Payment/Customers";
const input = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
} satisfies PaymentCustomerInput;

const logLines = (bin: RunningBin, pattern: RegExp) =>
  bin
    .output()
    .split("\n")
    .filter((line) => pattern.test(line));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as PaymentCustomersError,
  );

describe("Prefer faults", () => {
  let bin: RunningBin;
  let auth: Record<string, string>;
  beforeAll(async () => {
    bin = await runBin(["--port", "0"]);
    const answer = await fetch(`${bin.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "faults", client_secret: "s" }),
    });
    auth = { authorization: `Bearer ${((await answer.json()) as { access_token: string }).access_token}` };
  });
  afterAll(() => bin?.stop());

  it.each([418, 429, 502, 503, 504])("code=%i (not declared) answers it in the API's shape", async (code) => {
    const answer = await fetch(`${bin.url}${customers}`, { headers: { ...auth, prefer: `code=${code}` } });
    expect(answer.status).toBe(code);
    expect(await answer.json()).toMatchObject({
      status: "error",
      error: expect.stringMatching(/^Product\w*Exception$/),
    });
    expect(answer.headers.get("retry-after")).toBe(code === 429 || code === 503 ? "1" : null);
  });

  it("code=404 (declared) still answers the documented example; retry-after=N sets Retry-After", async () => {
    const answer = await fetch(`${bin.url}${customers}/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ`, {
      headers: { ...auth, prefer: "code=404" },
    });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: "ProductNotFoundException" });
    const limited = await fetch(`${bin.url}${customers}`, { headers: { ...auth, prefer: "code=429, retry-after=2" } });
    expect(limited.headers.get("retry-after")).toBe("2");
    await limited.arrayBuffer();
  });

  it("the token endpoint answers a fault in the OAuth shape", async () => {
    const answer = await fetch(`${bin.url}/oauth/token`, { method: "POST", headers: { prefer: "code=503" } });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ error: "temporarily_unavailable" });
  });

  it.each([
    ["example=company", /--static/],
    ["dynamic=true", /--dynamic/],
  ])("the sandbox refuses %s with a 400 that says why", async (prefer, why) => {
    const answer = await fetch(`${bin.url}${customers}`, { headers: { ...auth, prefer } });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: string; error_details: string };
    expect(body.error).toBe("ProductFormatException");
    expect(body.error_details).toMatch(why);
  });

  it("the sandbox honours example= with an error code", async () => {
    const answer = await fetch(`${bin.url}${customers}`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", prefer: "code=400, example=noPayload" },
      body: JSON.stringify(input),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "ProductFormatException" });
  });

  it("the client gets a 503 with Retry-After on every attempt: it retries, then reports the 503", async () => {
    const client = createPaymentCustomersClient({ environment: bin.url, clientId: "client-503", clientSecret: "s" });
    const before = logLines(bin, new RegExp(`^GET ${customers} 503`)).length;
    const error = await failure(
      client.customers.list({}, { headers: { Prefer: "code=503, retry-after=0" }, maxRetries: 2 }),
    );
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "server", status: 503 });
    await expect.poll(() => logLines(bin, new RegExp(`^GET ${customers} 503`)).length - before).toBe(3);
  });

  it("the client times out on Prefer: delay and reports a reset connection as a network error", async () => {
    const client = createPaymentCustomersClient({ environment: bin.url, clientId: "client-slow", clientSecret: "s" });
    await client.customers.list(); // the token is fetched without the fault
    const slow = await failure(
      client.customers.list({}, { headers: { Prefer: "delay=5000" }, timeoutMs: 300, maxRetries: 0 }),
    );
    expect(slow).toMatchObject({ kind: "timeout" });
    const before = logLines(bin, / reset \d+ ms$/).length;
    const reset = await failure(client.customers.list({}, { headers: { Prefer: "fault=reset" }, maxRetries: 1 }));
    expect(reset).toMatchObject({ kind: "network" });
    await expect.poll(() => logLines(bin, / reset \d+ ms$/).length - before).toBe(2); // a GET is retried once
  });
});

describe("--faults", () => {
  async function statuses(url: string, n: number): Promise<number[]> {
    const seen: number[] = [];
    for (let i = 0; i < n; i++) {
      const answer = await fetch(`${url}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "chaos", client_secret: "s" }),
      });
      await answer.arrayBuffer();
      seen.push(answer.status);
    }
    return seen;
  }

  it("startMock({ faults, faultSeed }) hits the same requests with the same seed", async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const mock = await startMock({ port: 0, faults: "503:0.5", faultSeed: 42 });
      try {
        runs.push(await statuses(mock.url, 16));
      } finally {
        await mock.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]).toContain(503);
    expect(runs[0]).toContain(200);
  }, 180_000);

  it("our client gets through a 30 % share of 503s with Retry-After, creates included", async () => {
    const bin = await runBin(["--port", "0", "--faults", "503:0.3", "--fault-seed", "7"]);
    try {
      const client = createPaymentCustomersClient({
        environment: bin.url,
        clientId: "chaos",
        clientSecret: "s",
        maxRetries: 6,
      });
      for (let i = 0; i < 3; i++) {
        const created = await client.customers.create(input);
        expect((await client.customers.get(created.id)).id).toBe(created.id);
      }
      expect(logLines(bin, / 503 \d+ ms$/).length).toBeGreaterThan(0);
    } finally {
      await bin.stop();
    }
  });

  it("a bad rule exits 2 and says what is wrong", async () => {
    const { code, output } = await runBinToExit(["--faults", "503:2"]);
    expect(code).toBe(2);
    expect(output).toMatch(/--faults: "503:2" is not/);
  });
});

describe("createSandbox() and Prefer", () => {
  it("answers the same faults in-process; a reset rejects like a dropped connection", async () => {
    const sandbox = createSandbox();
    const url = `http://sandbox.local${customers}`;
    const unavailable = await sandbox.fetch(url, { headers: { prefer: "code=503" } });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("1");
    expect(await unavailable.json()).toMatchObject({ status: "error", error: "ProductInternalException" });
    expect((await sandbox.fetch(url, { headers: { prefer: "cod=503" } })).status).toBe(400);
    expect((await sandbox.fetch(url, { headers: { prefer: "example=company" } })).status).toBe(400);
    await expect(sandbox.fetch(url, { headers: { prefer: "fault=reset" } })).rejects.toThrow(TypeError);
  });
});
