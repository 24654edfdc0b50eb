// Requests that the official demos and SDK docs send and the real API accepts: the mock (Prism validating
// requests against the spec) must answer each with 200. What the API itself enforces gets its 400; what only the spec
// forbids is carried out with a Warning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";

const customers = "/api/v2/Payment/Customers";
const customerPath = `${customers}/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ`;
const auth = { authorization: "Bearer 8ua9bnrg9gmd1t3rcoaqm1d2o2" };
const jsonHeaders = { ...auth, "content-type": "application/json" };

// The body of the official demos' createCustomer (PHP, Java, JS SDKs), with the PHP SDK guide's country.
const demoContact = {
  salutation: "Mr.",
  title: "Dr.",
  forename: "John",
  surname: "Doe",
  companyname: "Example Inc.",
  dob: "1971-02-03",
  birthplace: "MyBirthplace",
  nationality: "DE",
  email: "example@example.com",
  phone: "0049-123456789",
  url_website: "example.com",
  address: {
    street: "Example Street",
    street_number: "6",
    city: "ExampleCity",
    country: "Germany",
    postal_code: "01234",
  },
};

let mock: MockServer;
beforeAll(async () => {
  // Request validation is the same in every mode; the static mode answers the example id used below.
  mock = await startMock({ port: 0, mode: "static" });
});
afterAll(() => mock?.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${mock.url}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
const send = (method: string, path: string, body: unknown) =>
  call(path, { method, headers: jsonHeaders, body: JSON.stringify(body) });
async function status(answer: Response): Promise<number> {
  await answer.arrayBuffer();
  return answer.status;
}

describe("accepted as the real API accepts them", () => {
  it("the official demos' create, with url_website example.com and country Germany", async () => {
    expect(await status(await send("POST", customers, { contact: demoContact }))).toBe(200);
  });

  it("url_website without a scheme, and country as a name, each on its own", async () => {
    const urlOnly = { ...demoContact, address: { ...demoContact.address, country: "DE" } };
    expect(await status(await send("POST", customers, { contact: urlOnly }))).toBe(200);
    const countryOnly = { ...demoContact, url_website: "https://example.com" };
    expect(await status(await send("POST", customers, { contact: countryOnly }))).toBe(200);
  });

  it("an internationalised e-mail address", async () => {
    expect(await status(await send("POST", customers, { contact: { ...demoContact, email: "info@müller.de" } }))).toBe(
      200,
    );
  });

  it("get, change, put: the contact sent back as GET returned it (read-only name, date-time dob)", async () => {
    const got = await call(customerPath, { headers: auth });
    expect(got.status).toBe(200);
    const { contact } = (await got.json()) as { contact: Record<string, unknown> };
    expect(contact).toMatchObject({ name: expect.any(String), dob: expect.stringMatching(/T00:00:00/) });
    expect(await status(await send("PUT", customerPath, { contact: { ...contact, email: "max@example.org" } }))).toBe(
      200,
    );
  });

  it.each([
    ["sort with dsc (JS SDK docs, angular SDK)", "sort=created:dsc"],
    ["count=0 (the older Java SDK sends any count >= 0)", "count=0"],
    ["a count above 1000 (no documented maximum)", "count=5000"],
    ["an offset above a million", "offset=2000000"],
    ["spaces after the commas in fields", `fields=${encodeURIComponent("contact.email, created")}`],
    ["spaces after the commas in sort", `sort=${encodeURIComponent("created:desc, contact.surname:asc")}`],
    ["expand=all", "expand=all"],
  ])("list with %s", async (_name, search) => {
    expect(await status(await call(`${customers}?${search}`, { headers: auth }))).toBe(200);
  });

  it("the device grant's first step, and the appuser grant with deviceinfo[name]", async () => {
    const device = new URLSearchParams({
      grant_type: "device",
      client_id: "id",
      client_secret: "s",
      uuid: "/vendor/x",
    });
    expect(await status(await call("/oauth/token", { method: "POST", body: device }))).toBe(200);
    const appuser = new URLSearchParams({
      grant_type: "appuser",
      client_id: "id",
      client_secret: "s",
      username: "user",
      password: "pass",
      device: "device-id",
      "deviceinfo[name]": "Kasse 1",
    });
    expect(await status(await call("/oauth/token", { method: "POST", body: appuser }))).toBe(200);
  });

  it("the official JS SDK's token request to //oauth/token (its Authenticator since 1.3.0), and repeated slashes", async () => {
    const credentials = { grant_type: "client_credentials", client_id: "id", client_secret: "s" };
    const answer = await call("//oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(credentials),
    });
    expect(answer.status).toBe(200);
    const token = (await answer.json()) as { access_token?: unknown; token_type?: unknown };
    expect(token.token_type).toBe("bearer");
    expect(typeof token.access_token).toBe("string");
    const bearer = { authorization: `Bearer ${token.access_token}` };
    const merged = await call(`/api/v2//Payment/Customers/${customerPath.split("/").pop()}`, { headers: bearer });
    const single = await call(customerPath, { headers: bearer });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toEqual(await single.json());
  });
});

describe("refused as the API refuses it: 400 ProductFormatException with the API's text", () => {
  it.each([
    ["no contact", {}, "no payload"],
    ["a bad dob", { contact: { ...demoContact, dob: "03.02.1971" } }, "invalid dob format"],
  ])("%s: %s", async (_name, body, text) => {
    const answer = await send("POST", customers, body);
    expect(answer.status).toBe(400);
    const error = (await answer.json()) as { error: string; error_details: string };
    expect(error.error).toBe("ProductFormatException");
    expect(error.error_details.startsWith(text)).toBe(true);
  });

  it("a negative count", async () => {
    expect(await status(await call(`${customers}?count=-1`, { headers: auth }))).toBe(400);
  });
});

describe("what only the spec forbids: carried out, with a Warning naming the field", () => {
  it.each([
    [
      "no e-mail (the JS SDK's 2019 test)",
      { contact: { ...demoContact, email: undefined } },
      "contact.email is missing",
    ],
    [
      "an address without a house number (production clients)",
      { contact: { ...demoContact, address: { ...demoContact.address, street_number: undefined } } },
      "contact.address.street_number is missing",
    ],
    [
      "no address (the older PHP demo)",
      { contact: { ...demoContact, address: undefined } },
      "contact.address is missing",
    ],
    [
      "an unknown field (the API drops it)",
      { contact: { ...demoContact, postcode: "01234" } },
      "contact.postcode is not a field of the spec and was dropped",
    ],
  ])("%s", async (_name, body, warning) => {
    const answer = await send("POST", customers, body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("warning")).toContain(warning);
    await answer.arrayBuffer();
  });
});
