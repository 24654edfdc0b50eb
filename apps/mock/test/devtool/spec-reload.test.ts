// `--spec <file>`: a YAML spec whose contact schema lives in a second file ($ref), served, watched and reloaded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startMock } from "../../src/start-mock.js";
import { runBin } from "../run-bin.js";

const bundled = JSON.parse(readFileSync(new URL("../../dist/openapi.json", import.meta.url), "utf8"));

/** Block-style YAML for plain JSON data: strings quoted as JSON (valid YAML), nothing else needed here. */
function yaml(value: unknown, indent = ""): string {
  if (Array.isArray(value))
    return value.length === 0 ? " []" : value.map((item) => `\n${indent}-${yaml(item, `${indent}  `)}`).join("");
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return " {}";
    return entries.map(([key, item]) => `\n${indent}${JSON.stringify(key)}:${yaml(item, `${indent}  `)}`).join("");
  }
  return ` ${JSON.stringify(value)}`;
}

/** Writes spec.yaml and contact-input.yaml (the ContactInput schema, with `extra` added to its properties). */
function writeSpec(dir: string, extra: Record<string, unknown> = {}): string {
  const document = structuredClone(bundled);
  const contact = document.components.schemas.ContactInput;
  contact.properties = { ...contact.properties, ...extra };
  // The contact file's own references point back into the main file.
  const moved = JSON.parse(JSON.stringify(contact).replaceAll('"#/components/', '"./spec.yaml#/components/'));
  writeFileSync(join(dir, "contact-input.yaml"), `${yaml(moved).trimStart()}\n`);
  document.components.schemas.ContactInput = { $ref: "./contact-input.yaml" };
  const file = join(dir, "spec.yaml");
  writeFileSync(file, `${yaml(document).trimStart()}\n`);
  return file;
}

const contact = {
  forename: "Max",
  surname: "Mustermann",
  email: "max@example.com",
  address: { street: "Musterstr.", street_number: "1", city: "Dresden", postal_code: "01067", country: "DE" },
};

async function token(url: string): Promise<string> {
  const answer = await fetch(`${url}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "reload", client_secret: "s" }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

const create = (url: string, bearer: string, body: unknown) =>
  fetch(`${url}/api/v2/Payment/Customers`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const reloads = (output: string) => output.split("spec reloaded from").length - 1;

describe("--spec <file>", () => {
  it("serves the file, reloads a save (keeping customers and tokens) and keeps the last good one on a broken save", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-spec-"));
    const file = writeSpec(dir);
    const bin = await runBin(["--port", "0", "--strict", "--spec", file]);
    try {
      expect(bin.output()).toContain(`Serving ${file}`);
      const bearer = await token(bin.url);
      expect((await create(bin.url, bearer, { contact })).status).toBe(200);
      const withNickname = { contact: { ...contact, nickname: "Maxi" } };
      expect((await create(bin.url, bearer, withNickname)).status).toBe(400); // --strict: unknown fields refused

      // The new field is in the $ref'd file: saving it reloads.
      writeSpec(dir, { nickname: { type: "string", maxLength: 20 } });
      await expect.poll(() => reloads(bin.output()), { timeout: 30_000 }).toBe(1);
      expect((await create(bin.url, bearer, withNickname)).status).toBe(200);
      const list = await fetch(`${bin.url}/api/v2/Payment/Customers`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      expect(((await list.json()) as { count: number }).count).toBe(2);
      const served = (await (await fetch(`${bin.url}/openapi.json`)).json()) as typeof bundled;
      expect(served.components.schemas.ContactInput.$ref).toBeUndefined();
      expect(JSON.stringify(served)).toContain("nickname");

      writeFileSync(file, "openapi: 3.1.0\npaths: [unclosed\n");
      await expect
        .poll(bin.output, { timeout: 30_000 })
        .toMatch(/spec \S+ not reloaded, the last good one keeps serving: /);
      expect((await create(bin.url, bearer, withNickname)).status).toBe(200);
    } finally {
      expect(await bin.stop()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("startMock({ spec }) refuses a file that is not an OpenAPI document, saying why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-spec-"));
    const file = join(dir, "notes.json");
    try {
      writeFileSync(file, JSON.stringify({ swagger: "2.0", paths: {} }));
      await expect(startMock({ port: 0, spec: file })).rejects.toThrow(/OpenAPI 2\.0|not an OpenAPI document/);
      writeFileSync(file, JSON.stringify({ title: "no spec" }));
      await expect(startMock({ port: 0, spec: file })).rejects.toThrow(/not an OpenAPI document/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
