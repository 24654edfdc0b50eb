// The sandbox reads its model from the spec it serves: a field added to a fixture spec is searchable, sortable and
// projectable with no other edit, and the page bound is the list schema's `maxItems`.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { call, customersPath, tokenFor } from "./sandbox-fetch.js";

const bundled = JSON.parse(readFileSync(new URL("../../dist/openapi.json", import.meta.url), "utf8"));

/** The bundled spec with `contact.loyalty_tier` (in requests and answers) and pages of at most `maxItems`. */
function fixtureSpec(maxItems: number) {
  const spec = structuredClone(bundled);
  const { schemas } = spec.components;
  const tier = { type: "string", maxLength: 16 };
  schemas.ContactInput.properties.loyalty_tier = tier;
  schemas.Contact.properties.loyalty_tier = tier;
  for (const list of [schemas.PaymentCustomersList, schemas.ProjectedPaymentCustomersList]) {
    list.properties.data.maxItems = maxItems;
  }
  return spec;
}

const contact = (surname: string, tier: string) => ({
  forename: "Max",
  surname,
  email: `${surname.toLowerCase()}@example.com`,
  loyalty_tier: tier,
  address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
});

describe("a sandbox on a spec with an added field", () => {
  const sandbox = createSandbox({ spec: fixtureSpec(2) });
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(sandbox.fetch, "model");
    for (const [surname, tier] of [
      ["Alpha", "silver"],
      ["Beta", "gold"],
      ["Gamma", "bronze"],
    ] as const) {
      expect(
        (await call(sandbox.fetch, token, "POST", customersPath, { contact: contact(surname, tier) })).status,
      ).toBe(200);
    }
  });
  const get = (query: string) => call(sandbox.fetch, token, "GET", `${customersPath}?${query}`);

  it("searches, sorts and projects the new field", async () => {
    const found = await get(`q=${encodeURIComponent("contact.loyalty_tier:GOLD")}`);
    expect(found.body.data.map((c: { contact: { surname: string } }) => c.contact.surname)).toEqual(["Beta"]);
    const sorted = await get("sort=contact.loyalty_tier:asc&fields=contact.loyalty_tier");
    expect(sorted.body.data).toEqual([{ contact: { loyalty_tier: "bronze" } }, { contact: { loyalty_tier: "gold" } }]);
  });

  it("cuts a page to the spec's maxItems (the bundled spec's 1000 for count over 1000); count is still the total", async () => {
    expect(bundled.components.schemas.PaymentCustomersList.properties.data.maxItems).toBe(1000);
    const page = await get("count=50");
    expect(page.body.count).toBe(3);
    expect(page.body.data).toHaveLength(2);
  });

  it("the bundled spec's sandbox refuses the field", async () => {
    const plain = createSandbox();
    const own = await tokenFor(plain.fetch, "model");
    const answer = await call(plain.fetch, own, "GET", `${customersPath}?q=contact.loyalty_tier:gold`);
    expect(answer).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
  });
});
