// `payment-customers-mock proxy <upstream>` against a small local upstream that answers good and spec-breaking
// bodies: violations in sl-violations and the log, --errors, and nothing secret or personal in the log.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../run-bin.js";

const bundled = JSON.parse(readFileSync(new URL("../../dist/openapi.json", import.meta.url), "utf8"));
const person = bundled.components.examples.Person.value as { contact: { email: string } };
const good = "/api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";
const broken = "/api/v2/Payment/Customers/PCU_BADBADBADBADBADBADBADBADBADBAD";
const token = "upstream-token-never-logged";

describe("proxy", () => {
  let upstream: Server;
  let base = "";
  const received: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    upstream = createServer((request, response) => {
      received.push(request.headers);
      const body =
        request.url === good ? person : request.url === broken ? { ...person, id: 42, object: ["wrong"] } : undefined;
      response.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(body ?? { status: "error", error: "ProductNotFoundException" }));
    });
    upstream.listen(0, "127.0.0.1");
    await once(upstream, "listening");
    base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => upstream.close(resolve)));

  it("forwards, passes a good answer on and flags a spec-breaking one in sl-violations and the log", async () => {
    const bin = await runBin(["proxy", base, "--port", "0"]);
    try {
      const headers = { authorization: `Bearer ${token}` };
      const ok = await fetch(`${bin.url}${good}`, { headers });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual(person);
      expect(ok.headers.get("sl-violations")).toBeNull();
      expect(received.at(-1)?.authorization).toBe(`Bearer ${token}`);

      const bad = await fetch(`${bin.url}${broken}`, { headers });
      expect(bad.status).toBe(200); // without --errors the upstream's answer goes through
      const violations = JSON.parse(bad.headers.get("sl-violations") ?? "[]") as { location: string[] }[];
      expect(violations.map((v) => v.location.join("."))).toContain("response.body.id");
      await bad.arrayBuffer();

      const invalid = await fetch(`${bin.url}/api/v2/Payment/Customers/not-an-id`, { headers });
      expect(JSON.parse(invalid.headers.get("sl-violations") ?? "[]")).not.toEqual([]);
      await invalid.arrayBuffer();

      await expect.poll(bin.output).toMatch(new RegExp(`GET ${broken} 200 \\d+ ms violations: .*response\\.body\\.id`));
      const log = bin.output().split("Press Ctrl+C to stop.")[1] ?? "";
      expect(log).not.toContain(token);
      expect(log).not.toContain(person.contact.email);
    } finally {
      await bin.stop();
    }
  });

  it("--errors answers a spec-breaking answer with a 502 and an invalid request with a 422", async () => {
    const bin = await runBin(["proxy", base, "--port", "0", "--errors", "--quiet"]);
    try {
      const headers = { authorization: `Bearer ${token}` };
      expect((await fetch(`${bin.url}${good}`, { headers })).status).toBe(200);
      const bad = await fetch(`${bin.url}${broken}`, { headers });
      expect(bad.status).toBe(502);
      expect(await bad.json()).toMatchObject({ title: "The upstream's answer breaks the spec" });
      const invalid = await fetch(`${bin.url}/api/v2/Payment/Customers/not-an-id`, { headers });
      expect(invalid.status).toBe(422);
      await invalid.arrayBuffer();
    } finally {
      await bin.stop();
    }
  });
});
