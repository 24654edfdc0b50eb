// The control surface under /__sandbox/ and --seed-data, through the bin.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBin, runBin } from "../run-bin.js";

const customers = "/api/v2/Payment/Customers";
const input = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
};

describe("/__sandbox/", () => {
  let bin: RunningBin;
  const count = async (merchant: string) => {
    const token = await fetch(`${bin.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: merchant, client_secret: "s" }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const list = await fetch(`${bin.url}${customers}`, { headers: { authorization: `Bearer ${access_token}` } });
    return ((await list.json()) as { count: number }).count;
  };
  const post = (path: string, body?: unknown) =>
    fetch(`${bin.url}/__sandbox/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mock-seed-"));
    const file = join(dir, "seed.json");
    writeFileSync(file, JSON.stringify({ "merchant-a": [input], "merchant-b": [input, input] }));
    bin = await runBin(["--port", "0", "--seed-data", file]);
  });
  afterAll(async () => {
    await bin?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("--seed-data created the customers; health counts them", async () => {
    const health = await fetch(`${bin.url}/__sandbox/health`);
    expect(await health.json()).toMatchObject({ status: "ok", mode: "sandbox", merchants: 2, customers: 3 });
    expect(await count("merchant-b")).toBe(2);
  });

  it("seeds a merchant's customers through the API's validation, all or none", async () => {
    const seeded = await post("merchants/merchant-a/customers", [input]);
    expect(seeded.status).toBe(200);
    const body = (await seeded.json()) as { created: { id: string; contact: unknown }[] };
    expect(body.created[0]?.id).toMatch(/^PCU_/);
    expect(await count("merchant-a")).toBe(2);

    const refused = await post("merchants/merchant-a/customers", [input, { contact: { forename: 42 } }]);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: expect.stringMatching(/customer 1 .* none of this list was kept/),
    });
    expect(await count("merchant-a")).toBe(2);
    expect((await post("merchants/merchant-a/customers", { contact: {} })).status).toBe(400);
  });

  it("resets one merchant, then all", async () => {
    expect((await post("reset?merchant=merchant-a")).status).toBe(200);
    expect(await count("merchant-a")).toBe(0);
    expect(await count("merchant-b")).toBe(2);
    expect((await post("reset")).status).toBe(200);
    expect(await count("merchant-b")).toBe(0);
  });

  it("answers 404 for an unknown control path and 405 for a wrong method", async () => {
    expect((await fetch(`${bin.url}/__sandbox/nothing`)).status).toBe(404);
    expect((await fetch(`${bin.url}/__sandbox/reset`)).status).toBe(405);
  });
});
