// Paging and projection as the official SDKs use them, through plain fetch against the in-process sandbox: scroll
// contexts, both sort forms, ties in creation order, exact `fields`, the page bound, DELETE of a foreign id.
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { call, customersPath, tokenFor } from "./sandbox-fetch.js";

const contact = (forename: string, surname: string) => ({
  forename,
  surname,
  email: `${forename}.${surname}@example.com`.toLowerCase(),
  address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
});
let clock = Date.parse("2026-03-01T10:00:00Z");
// Every customer is created within the same second: only the creation order tells them apart.
const sandbox = createSandbox({ now: () => clock });
const names = ["Carla", "anton", "Bert", "Dora", "Anton"];
let token: string;
let ids: string[];
beforeAll(async () => {
  token = await tokenFor(sandbox.fetch, "paging");
  ids = [];
  for (const [i, forename] of names.entries()) {
    const answer = await call(sandbox.fetch, token, "POST", customersPath, { contact: contact(forename, `S${i}`) });
    ids.push(answer.body.id);
  }
});
const get = (query: string) => call(sandbox.fetch, token, "GET", `${customersPath}?${query}`);
const forenames = (answer: { body: { data: { contact: { forename: string } }[] } }) =>
  answer.body.data.map((customer) => customer.contact.forename);

describe("scroll", () => {
  it("scroll_expire answers a scroll_id; scroll_id continues; an empty batch ends the getNextBatch loop", async () => {
    const first = await get("count=2&scroll_expire=5m&sort=created:asc");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: 5, scroll_id: expect.any(String) });
    const seen = first.body.data.map((customer: { id: string }) => customer.id);
    let batch = first;
    for (let round = 0; batch.body.data.length > 0; round++) {
      expect(round).toBeLessThan(10); // the loop must end
      batch = await get(`scroll_id=${encodeURIComponent(first.body.scroll_id)}`);
      expect(batch.status).toBe(200);
      seen.push(...batch.body.data.map((customer: { id: string }) => customer.id));
    }
    expect(seen).toEqual(ids);
    expect(batch.body).toMatchObject({ count: 5, data: [], scroll_id: first.body.scroll_id });
  });

  it("keeps the opening request's q, sort and fields", async () => {
    const first = await get(
      `count=1&scroll_expire=1m&q=${encodeURIComponent("contact.forename:anton")}&sort=contact.surname:desc&fields=contact.surname`,
    );
    expect(first.body).toMatchObject({ count: 2, data: [{ contact: { surname: "S4" } }] });
    const next = await get(`scroll_id=${first.body.scroll_id}`);
    expect(next.body.data).toEqual([{ contact: { surname: "S1" } }]);
  });

  it("answers an unknown or expired scroll_id, and a bad scroll_expire, with ProductFormatException", async () => {
    const unknown = await get("scroll_id=nothing-like-it");
    expect(unknown).toMatchObject({ status: 400, body: { status: "error", error: "ProductFormatException" } });
    const opened = await get("count=1&scroll_expire=1s");
    clock += 1000;
    const expired = await get(`scroll_id=${opened.body.scroll_id}`);
    expect(expired).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
    for (const bad of ["5", "5 minutes", "2d", "0s"]) {
      const answer = await get(`scroll_expire=${encodeURIComponent(bad)}`);
      expect(answer).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
    }
  });

  it("a merchant cannot continue another merchant's scroll", async () => {
    const opened = await get("count=1&scroll_expire=5m");
    const other = await tokenFor(sandbox.fetch, "paging-other");
    const answer = await call(sandbox.fetch, other, "GET", `${customersPath}?scroll_id=${opened.body.scroll_id}`);
    expect(answer).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
  });
});

describe("sort", () => {
  it("sorts by sort[path]=asc|desc|dsc, the older SDKs' only form, as by sort=path:direction", async () => {
    expect(forenames(await get("sort[contact.forename]=asc"))).toEqual(["anton", "Anton", "Bert", "Carla", "Dora"]);
    expect(forenames(await get("sort[contact.forename]=desc"))).toEqual(["Dora", "Carla", "Bert", "Anton", "anton"]);
    expect(forenames(await get("sort[contact.forename]=dsc"))).toEqual(
      forenames(await get("sort=contact.forename:dsc")),
    );
    const unknown = await get("sort[contact.shoe_size]=asc");
    expect(unknown).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
    const direction = await get("sort[contact.forename]=up");
    expect(direction).toMatchObject({ status: 400, body: { error: "ProductFormatException" } });
  });

  it("ties keep the creation order in the requested direction: created:desc lists the newest first within a second", async () => {
    expect((await get("sort=created:desc")).body.data.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
    expect((await get("sort=created:asc")).body.data.map((c: { id: string }) => c.id)).toEqual(ids);
    // anton and Anton are equal case-insensitively: asc keeps them oldest first, desc newest first.
    expect(forenames(await get("sort=contact.forename:asc&count=2"))).toEqual(["anton", "Anton"]);
    expect(forenames(await get("sort=contact.forename:desc&offset=3"))).toEqual(["Anton", "anton"]);
  });
});

describe("fields", () => {
  it("keeps only the listed fields: fields=created has no object, id or contact", async () => {
    const answer = await get("fields=created&count=2");
    expect(answer.body.data).toEqual([{ created: expect.any(String) }, { created: expect.any(String) }]);
  });

  it("fields=merchant.id keeps only the reference's id, and the answer still fits the spec", async () => {
    const answer = await get("fields=merchant.id,contact.address.city&count=1");
    expect(answer.body.data).toEqual([
      { merchant: { id: expect.stringMatching(/^MRC_/) }, contact: { address: { city: "Dresden" } } },
    ]);
    const whole = await get("fields=merchant&count=1");
    expect(whole.body.data).toEqual([{ merchant: { object: "general.merchants", id: expect.any(String) } }]);
  });

  it("expand is accepted and leaves the references as they are", async () => {
    const answer = await get("expand=all&count=1");
    expect(answer.status).toBe(200);
    expect(answer.body.data[0].merchant).toEqual({ object: "general.merchants", id: expect.any(String) });
  });
});

describe("DELETE of an id that is not the merchant's", () => {
  it("answers 403 ProductNotAllowedException, not 2003, for another merchant's id and for an unknown one", async () => {
    const other = await tokenFor(sandbox.fetch, "paging-intruder");
    for (const id of [ids[0], "PCU_00000000000000000000000000000Z"]) {
      const answer = await call(sandbox.fetch, other, "DELETE", `${customersPath}/${id}`);
      expect(answer).toMatchObject({ status: 403, body: { status: "error", error: "ProductNotAllowedException" } });
      expect(answer.body.code).not.toBe(2003);
    }
    expect((await call(sandbox.fetch, token, "GET", `${customersPath}/${ids[0]}`)).status).toBe(200);
  });

  it("still checks the id's shape first", async () => {
    const answer = await sandbox.fetch(`http://sandbox.local${customersPath}/PCU_short`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect([400, 422]).toContain(answer.status);
  });
});
