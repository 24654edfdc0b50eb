// The API reference in a real browser (Debian's Chromium, driven by playwright-core), served by a real mock:
// it loads with no failed request and nothing from outside 127.0.0.1, shows every operation, every schema and
// the `q` language, links the client reference, and its "Try it" console works against the mock.
// Screenshots go to test-results/ (git-ignored) for review.
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { type MockServer, startMock } from "@payment-customers/mock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium, missingChromium } from "./chromium.js";

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const specFile = createRequire(import.meta.url).resolve("@payment-customers/mock/openapi.json");
const spec = JSON.parse(await readFile(specFile, "utf8")) as Spec;
const operations = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).flatMap((operation) =>
    operation.operationId ? [{ id: operation.operationId, summary: operation.summary ?? "" }] : [],
  ),
);
const results = new URL("../test-results/", import.meta.url);

if (!chromiumPath) console.warn(`apps/docs: ${missingChromium}`);

/** Collects what must not happen while the page is open: a failed request, one leaving 127.0.0.1, an error. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.hostname !== "127.0.0.1") problems.push(`left 127.0.0.1: ${request.method()} ${url.origin}${url.pathname}`);
  });
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** The JSON body a "Try it" output shows below its request and status lines. */
async function shownBody(page: Page, output: string): Promise<Record<string, unknown>> {
  const text = (await page.locator(output).textContent()) ?? "";
  return JSON.parse(text.slice(text.indexOf("\n\n") + 2)) as Record<string, unknown>;
}

describe.skipIf(!chromiumPath)(`the API reference in Chromium${chromiumPath ? "" : ` (${missingChromium})`}`, () => {
  let mock: MockServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    await mkdir(results, { recursive: true });
    mock = await startMock({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it("loads from the mock with every operation, every schema and the q language, nothing from elsewhere", async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    problems = watch(page);
    await page.goto(`${mock.url}/`, { waitUntil: "networkidle" });
    await expect(page.title()).resolves.toBe("secuconnect Payment Customers API");

    expect(operations.length).toBeGreaterThanOrEqual(6);
    for (const { id, summary } of operations) {
      const heading = page.locator(`[id$="/operation/${id}"] h2`).first();
      await heading.waitFor();
      expect((await heading.textContent())?.trim()).toBe(summary);
    }
    for (const [name, schema] of Object.entries(spec.components.schemas)) {
      const section = page.locator(`[id="tag/schema-${name}"]`);
      await expect(section.locator("h1, h2").first().textContent()).resolves.toBe(name);
      const property = Object.keys(schema.properties ?? {})[0];
      if (property) expect(await section.textContent()).toContain(property);
    }

    // The download button and the header link give the spec as published, from the same server.
    const download = await page.getByRole("link", { name: "Download" }).getAttribute("href");
    expect(download).toBe("openapi.yaml");
    expect(await page.getByRole("link", { name: "OpenAPI document" }).getAttribute("href")).toBe("openapi.yaml");
    const answer = await page.request.get(new URL(download ?? "", `${mock.url}/`).href);
    expect(answer.status()).toBe(200);
    expect(await answer.text()).toContain("openapi: 3.1");

    const q = page.getByText("resembles Lucene / Elasticsearch");
    await q.scrollIntoViewIfNeeded();
    expect(await q.isVisible()).toBe(true);
    expect(await page.locator("code", { hasText: "[min TO max]" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: new URL("q-language.png", results).pathname });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: new URL("api-reference.png", results).pathname });
    expect(problems).toEqual([]);
  });

  it("links the client reference (TypeDoc, with the README's quickstart), served by the mock", async () => {
    await page.getByRole("link", { name: "TypeScript client reference" }).click();
    await page.waitForURL(`${mock.url}/client/index.html`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").first().textContent()).toContain("@payment-customers/client");
    expect(await page.locator("pre", { hasText: "createPaymentCustomersClient({" }).count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "createPaymentCustomersClient" }).first().click();
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").first().textContent()).toContain("createPaymentCustomersClient");
    await page.screenshot({ path: new URL("client-reference.png", results).pathname });
    expect(problems).toEqual([]);
  });

  it("Try it: gets a token, creates a customer in the sandbox, and a search finds it", async () => {
    await page.goto(`${mock.url}/`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Try it" }).click();
    expect(await page.locator("#try-base").inputValue()).toBe(mock.url);

    await page.locator("#try-token").click();
    await expect.poll(() => page.locator("#try-token-output").getAttribute("data-status")).toBe("200");
    expect(await page.locator("#try-access-token").inputValue()).not.toBe("");

    const surname = `Tryit${Date.now().toString(36)}`;
    const body = JSON.parse(await page.locator("#try-create-body").inputValue()) as { contact: { surname: string } };
    body.contact.surname = surname;
    await page.locator("#try-create-body").fill(JSON.stringify(body, null, 2));
    await page.locator("#try-create").click();
    await expect.poll(() => page.locator("#try-create-output").getAttribute("data-status")).toMatch(/^20[01]$/);
    const created = await shownBody(page, "#try-create-output");
    expect(created.id).toMatch(/^PCU_[A-Z0-9]{30}$/);

    expect(await page.locator("#try-q").inputValue()).toBe(`contact.surname:${surname}`);
    await page.locator("#try-search").click();
    await expect.poll(() => page.locator("#try-search-output").getAttribute("data-status")).toBe("200");
    const found = (await shownBody(page, "#try-search-output")) as { count: number; data: { id: string }[] };
    expect(found.data.map((customer) => customer.id)).toEqual([created.id]);
    expect(found.count).toBe(1);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: new URL("try-it.png", results).pathname, fullPage: false });
    expect(problems).toEqual([]);
  });
});
