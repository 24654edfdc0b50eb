// The request log on stderr, through the bin: one line per request, redacted; JSON lines; --quiet; failures.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunningBin, runBin } from "../run-bin.js";

const customers = "/api/v2/Payment/Customers";
const secret = "s3cr3t-never-logged";
const contact = {
  forename: "Erika",
  surname: "Gabler-Unlogged",
  email: "erika.unlogged@example.com",
  address: { street: "Musterstr.", street_number: "1", city: "Dresden", postal_code: "01067", country: "DE" },
};

async function traffic(bin: RunningBin) {
  const answer = await fetch(`${bin.url}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "log-test", client_secret: secret }),
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const created = await fetch(`${bin.url}${customers}`, { method: "POST", headers, body: JSON.stringify({ contact }) });
  const { id } = (await created.json()) as { id: string };
  const q = encodeURIComponent(`contact.email:${contact.email}`);
  expect((await fetch(`${bin.url}${customers}?q=${q}&count=5`, { headers })).status).toBe(200);
  expect((await fetch(`${bin.url}${customers}/${id}`, { headers })).status).toBe(200);
  const invalid = { contact: { ...contact, forename: 42 } };
  expect(
    (await fetch(`${bin.url}${customers}`, { method: "POST", headers, body: JSON.stringify(invalid) })).status,
  ).toBe(400);
  return { token, id };
}

const lines = (output: string) => output.split("\n").filter((line) => /^(GET|POST|PUT|DELETE) /.test(line));

describe("the request log", () => {
  it("writes one redacted line per request: method, path, status, ms, violations", async () => {
    const bin = await runBin(["--port", "0"]);
    try {
      const { token, id } = await traffic(bin);
      await expect.poll(() => lines(bin.output()).length).toBe(5);
      const log = lines(bin.output());
      expect(log[0]).toMatch(/^POST \/oauth\/token 200 \d+ ms$/);
      expect(log[1]).toMatch(new RegExp(`^POST ${customers} 200 \\d+ ms$`));
      expect(log[2]).toMatch(new RegExp(`^GET ${customers}\\?q=…&count=5 200 \\d+ ms$`));
      expect(log[3]).toMatch(new RegExp(`^GET ${customers}/${id} 200 \\d+ ms$`)); // ids are not personal data
      expect(log[4]).toMatch(new RegExp(`^POST ${customers} 400 \\d+ ms`));
      const output = bin.output().split("Press Ctrl+C to stop.")[1] ?? ""; // the log, after the banner
      for (const unlogged of [token, secret, contact.email, contact.surname, "Bearer", "erika"])
        expect(output.toLowerCase()).not.toContain(unlogged.toLowerCase());
    } finally {
      await bin.stop();
    }
  });

  it("--log-format json writes one JSON object per request", async () => {
    const bin = await runBin(["--port", "0", "--log-format", "json"]);
    try {
      await traffic(bin);
      const objects = () =>
        bin
          .output()
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      await expect.poll(() => objects().length).toBe(5);
      expect(objects()[2]).toMatchObject({
        method: "GET",
        path: `${customers}?q=…&count=5`,
        status: 200,
        violations: [],
      });
      expect(objects()[2]?.ms).toEqual(expect.any(Number));
      expect(bin.output()).not.toContain(contact.email);
    } finally {
      await bin.stop();
    }
  });

  it("--quiet writes no request lines but still logs a failure to save, without the customer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-log-"));
    const bin = await runBin(["--port", "0", "--quiet", "--state", join(dir, "state.json")]);
    try {
      rmSync(dir, { recursive: true, force: true }); // the state file can no longer be written
      const answer = await fetch(`${bin.url}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "quiet", client_secret: secret }),
      });
      const { access_token: token } = (await answer.json()) as { access_token: string };
      const created = await fetch(`${bin.url}${customers}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ contact }),
      });
      expect(created.status).toBeGreaterThanOrEqual(500);
      // The journal answers for a write that failed (500, the change undone) and says so on stderr, also when quiet.
      await expect.poll(bin.output).toMatch(/--state .*state\.json: .*Changes are refused \(answered 500\)/);
      expect(lines(bin.output())).toEqual([]);
      expect(bin.output()).not.toContain(contact.email);
    } finally {
      await bin.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
