// The API reference in a real browser (Debian's Chromium, driven by playwright-core), served by a real mock:
// Scalar's API reference loads with no failed request, nothing from outside 127.0.0.1 and nothing the page's
// Content-Security-Policy refuses, shows every operation, every schema and the `q` language, links the client
// reference, and every operation is tried from the page (Scalar's "Test Request" client) against the sandbox.
// Screenshots go to test-results/ (git-ignored) for review.
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { type MockServer, startMock } from "@payment-customers/mock";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium, missingChromium } from "./chromium.js";

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
  components: { schemas: Record<string, unknown> };
}

const specFile = createRequire(import.meta.url).resolve("@payment-customers/mock/openapi.json");
const spec = JSON.parse(await readFile(specFile, "utf8")) as Spec;
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    operation.operationId ? [{ id: operation.operationId, method: method.toUpperCase(), path }] : [],
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
  // A request or script the Content-Security-Policy blocks never reaches the network: Chromium reports it here.
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) problems.push(`refused: ${message.text()}`);
  });
  return problems;
}

/** The section of an operation on the page (Scalar names it by tag, method and path). */
const section = (page: Page, method: string, path: string) => page.locator(`section[id$="/${method}${path}"]`);

/**
 * Replaces the text of one of Scalar's editors (CodeMirror) as a user would: select all, type. A dialog that is
 * still rendering can drop the keystrokes, so the text is checked and typed again until it is there.
 */
async function retype(editor: Locator, text: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await editor.click();
    await editor.press("ControlOrMeta+a");
    await editor.page().keyboard.insertText(text);
    // Scalar keeps an editor's text when it loses the focus, as when a user clicks "Send".
    await editor.blur();
    if ((await editor.textContent()) === text) return;
  }
  throw new Error(`the editor does not take ${text}`);
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
    // Scalar renders the whole spec before the first section shows: slow on a loaded machine.
    page.setDefaultTimeout(90_000);
    problems = watch(page);
    const answer = await page.goto(`${mock.url}/`, { waitUntil: "networkidle" });
    expect(answer?.headers()["content-security-policy"]).toContain("connect-src 'self'");
    await expect(page.title()).resolves.toBe("secuconnect Payment Customers API");

    expect(operations.length).toBeGreaterThanOrEqual(6);
    for (const { method, path } of operations) {
      const button = section(page, method, path).locator(".show-api-client-button");
      await button.waitFor();
      expect(await button.textContent()).toContain(`Test Request(${method.toLowerCase()} ${path})`);
    }
    // The sidebar lists every schema under "Models".
    const entries = await page.getByRole("button").allInnerTexts();
    expect(entries).toEqual(expect.arrayContaining(Object.keys(spec.components.schemas)));

    // The header link gives the spec as published, from the same server.
    expect(await page.getByRole("link", { name: "OpenAPI document" }).getAttribute("href")).toBe("openapi.yaml");
    const yaml = await page.request.get(`${mock.url}/openapi.yaml`);
    expect(yaml.status()).toBe(200);
    expect(await yaml.text()).toContain("openapi: 3.1");

    const q = page.getByText("resembles Lucene / Elasticsearch").first();
    await q.scrollIntoViewIfNeeded();
    expect(await q.isVisible()).toBe(true);
    expect(await page.locator("code", { hasText: "[min TO max]" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: new URL("q-language.png", results).pathname });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: new URL("api-reference.png", results).pathname });
    expect(problems).toEqual([]);
  });

  it("every operation is tried from the page against the sandbox (a surname with spaces found by q)", async () => {
    // On the page the first test loaded: Scalar renders the whole spec on every load, the most CPU of this file
    // (the browser's and ours), so the client reference's link, which leaves the page, comes last.
    const client = page.getByRole("dialog", { name: "API Client" });
    const tried = new Set<string>();
    const sendButton = () => client.getByRole("button", { name: /^Send \w+ request to/ });

    /**
     * Opens an operation's "Test Request", lets `edit` fill it in, sends it, and gives the sandbox's answer. Scalar
     * takes an editor's text into its request a moment after the editor shows it (the signal is the sandbox's
     * answer): when `took` says the request went out without the edit, the edit is made again and the request sent
     * again.
     */
    async function tryIt(
      method: string,
      path: string,
      edit: () => Promise<void> = async () => {},
      took: (answer: Answer) => boolean = () => true,
    ) {
      await section(page, method, path).locator(".show-api-client-button").click();
      await sendButton().waitFor();
      for (let attempt = 1; ; attempt++) {
        await edit();
        const answered = page.waitForResponse(
          (response) =>
            response.request().method() === method &&
            !response.url().includes("/oauth/token") === !path.includes("/oauth/token"),
        );
        await sendButton().click();
        const response = await answered;
        const answer: Answer = { status: response.status(), url: new URL(response.url()), body: await response.json() };
        if (!took(answer) && attempt < 5) {
          // That request was the page's example (its id unknown here): its error is the retry's cause, not a problem.
          const failed = problems.indexOf(`${answer.status}: ${response.url()}`);
          if (failed >= 0) problems.splice(failed, 1);
          continue;
        }
        tried.add(`${method} ${path}`);
        return answer;
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox's JSON answer, which the assertions look into
    type Answer = { status: number; url: URL; body: any };
    const sentContact = (field: string, value: string) => (answer: Answer) => answer.body.contact?.[field] === value;
    const sentPath = (text: string) => (answer: Answer) => answer.url.href.includes(text);
    const close = () => client.locator("xpath=..").locator(".app-exit-button").click();
    // A parameter's row, found by its name (an editor, for path parameters a read-only one).
    const paramRow = (name: string) =>
      client
        .locator("tr", { hasText: name })
        .filter({ has: page.locator(".cm-content", { hasText: new RegExp(`^${name}$`) }) });
    /** A path parameter's value is a choice among the spec's examples; "Add value" takes another. */
    async function setParam(name: string, value: string) {
      await paramRow(name).locator("button[aria-haspopup=menu]").click();
      await page.getByRole("menuitem", { name: "Add value" }).click();
      const input = client.locator('input[placeholder="Value"]');
      await input.fill(value);
      await input.press("Enter");
      await expect.poll(() => paramRow(name).textContent()).toContain(value);
    }
    // The request body's editor (the answer's viewer below it, read-only, holds "contact" too once a request went out).
    const body = () => client.locator('.cm-content[contenteditable="true"]', { hasText: '"contact"' }).last();

    const token = await tryIt("POST", "/oauth/token");
    expect(token.status).toBe(200);
    expect(token.body.access_token).toMatch(/\S{8,}/);
    // The same grant through Scalar's "Authorize": its token goes with every later request.
    const authorized = page.waitForResponse((response) => response.url().endsWith("/oauth/token"));
    await client.getByRole("button", { name: "Authorize" }).click();
    expect((await authorized).status()).toBe(200);
    await close();

    const surname = "van der Berg";
    const contact = {
      forename: `Try${Date.now().toString(36)}`,
      surname,
      email: "anna.vanderberg@example.com",
      address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
    };
    const created = await tryIt(
      "POST",
      "/api/v2/Payment/Customers",
      () => retype(body(), JSON.stringify({ contact })),
      sentContact("surname", surname),
    );
    expect(created.status).toBeLessThan(300);
    expect(created.body.contact).toMatchObject({ surname });
    const id = created.body.id as string;
    expect(id).toMatch(/^PCU_[A-Z0-9]{30}$/);
    await close();

    // The q value encodes the spaces (as the query builder does); Scalar encodes the parameter once more.
    const found = await tryIt(
      "GET",
      "/api/v2/Payment/Customers",
      async () => {
        await paramRow("q").locator('input[type="checkbox"]').check();
        const q = `contact.surname:${encodeURIComponent(surname)} AND contact.forename:${contact.forename}`;
        await retype(paramRow("q").locator(".cm-content").last(), q);
      },
      sentPath(contact.forename),
    );
    expect(found.status).toBe(200);
    expect(found.url.searchParams.get("q")).toBe(
      `contact.surname:van%20der%20Berg AND contact.forename:${contact.forename}`,
    );
    expect(found.body.data.map((customer: { id: string }) => customer.id)).toEqual([id]);
    await close();

    const withId = () => setParam("paymentCustomerId", id);
    const got = await tryIt("GET", "/api/v2/Payment/Customers/{paymentCustomerId}", withId, sentPath(id));
    expect(got).toMatchObject({ status: 200, body: { id, contact: { surname } } });
    await close();

    const email = "anna@vanderberg.example";
    const updated = await tryIt(
      "PUT",
      "/api/v2/Payment/Customers/{paymentCustomerId}",
      async () => {
        await withId();
        await retype(body(), JSON.stringify({ contact: { ...contact, email } }));
      },
      sentContact("email", email),
    );
    expect(updated).toMatchObject({ status: 200, body: { id, contact: { email } } });
    await close();

    const deleted = await tryIt("DELETE", "/api/v2/Payment/Customers/{paymentCustomerId}", withId, sentPath(id));
    expect(deleted).toMatchObject({ status: 200, body: [{ id }] });
    await page.screenshot({ path: new URL("try-it.png", results).pathname, fullPage: false });
    await close();

    expect([...tried].sort()).toEqual(operations.map(({ method, path }) => `${method} ${path}`).sort());
    expect(problems).toEqual([]);
  }, 300_000);

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
});
