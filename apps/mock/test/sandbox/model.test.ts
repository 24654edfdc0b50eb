// Model-based test (fast-check): random sequences of create, get, update, delete, list and search by two merchants,
// run against the in-process sandbox and a small reference model; both agree on every answer.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { runs, timeLimit } from "../../../../vitest.fast-check.mjs";
import { createSandbox } from "../../dist/index.js";
import { call, customersPath, tokenFor } from "./sandbox-fetch.js";

type Contact = { forename: string; surname: string; email: string; address: Record<string, string> };
type Customer = { id: string; contact: Contact; created: string };
interface Model {
  merchants: Record<string, Customer[]>;
  /** Every id ever answered (also deleted ones and the other merchant's), for lookups that must fail. */
  seen: string[];
}
interface Real {
  tokens: Record<string, string>;
}

const sandbox = createSandbox();
const merchants = ["merchant-a", "merchant-b"];
const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const merchant of merchants) tokens[merchant] = await tokenFor(sandbox.fetch, merchant);
});

const contact: fc.Arbitrary<Contact> = fc.record({
  forename: fc.constantFrom("Max", "Erika", "Jan", "Jörg"),
  surname: fc.constantFrom("Mustermann", "Meier", "Jansen"),
  email: fc.constantFrom("max@example.com", "erika@example.com", "info@müller.example"),
  address: fc.record({
    street: fc.constant("Musterstraße"),
    street_number: fc.constantFrom("1", "25a"),
    postal_code: fc.constantFrom("01234", "10115"),
    city: fc.constantFrom("Dresden", "Berlin"),
    country: fc.constant("DE"),
  }),
});
const merchant = fc.constantFrom(...merchants);
const stored = (sent: Contact) => ({ ...sent, name: `${sent.forename} ${sent.surname}` });
// A PUT sets every field it leaves out to "" (the API's "overwritten by empty values"): the spec's request fields.
const spec = JSON.parse(readFileSync(new URL("../../dist/openapi.json", import.meta.url), "utf8"));
const blanks = (schema: { properties: Record<string, unknown> }) =>
  Object.fromEntries(Object.keys(schema.properties).map((field) => [field, ""]));
const { name: _name, address: _address, ...contactBlanks } = blanks(spec.components.schemas.ContactInput);
const addressBlanks = blanks(spec.components.schemas.AddressInput);
const replaced = (sent: Contact) => ({
  ...contactBlanks,
  ...stored(sent),
  address: { ...addressBlanks, ...sent.address },
});
const unknownId = `PCU_${"UNKNOWN0".repeat(3)}UNKNOW`;
const pick = (model: Model, index: number) =>
  index === 0 ? unknownId : (model.seen[index % model.seen.length] ?? unknownId);
const find = (model: Model, owner: string, id: string) => model.merchants[owner]?.findIndex((c) => c.id === id) ?? -1;

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: string,
    readonly contact: Contact,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const answer = await call(sandbox.fetch, real.tokens[this.owner] ?? "", "POST", customersPath, {
      contact: this.contact,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ object: "payment.customers", contact: stored(this.contact) });
    expect(answer.body.id).toMatch(/^PCU_[A-Z0-9]{30}$/);
    expect(model.seen).not.toContain(answer.body.id);
    model.merchants[this.owner]?.push({ id: answer.body.id, contact: this.contact, created: answer.body.created });
    model.seen.push(answer.body.id);
  }
  toString = () => `create(${this.owner}, ${this.contact.surname})`;
}

class Get implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: string,
    readonly index: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const answer = await call(sandbox.fetch, real.tokens[this.owner] ?? "", "GET", `${customersPath}/${id}`);
    const position = find(model, this.owner, id);
    if (position < 0) {
      expect(answer).toMatchObject({ status: 404, body: { error: "ProductNotFoundException" } });
    } else {
      const expected = model.merchants[this.owner]?.[position] as Customer;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id, contact: stored(expected.contact), created: expected.created });
    }
  }
  toString = () => `get(${this.owner}, #${this.index})`;
}

class Update implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: string,
    readonly index: number,
    readonly contact: Contact,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const answer = await call(sandbox.fetch, real.tokens[this.owner] ?? "", "PUT", `${customersPath}/${id}`, {
      contact: this.contact,
    });
    const position = find(model, this.owner, id);
    if (position < 0) {
      expect(answer.status).toBe(404);
      return;
    }
    const customer = model.merchants[this.owner]?.[position] as Customer;
    expect(answer.status).toBe(200);
    expect(answer.body.contact).toEqual(replaced(this.contact)); // replaced, not merged
    expect(answer.body.created).toBe(customer.created);
    expect(answer.body.updated).toEqual(expect.any(String));
    customer.contact = replaced(this.contact) as Contact;
  }
  toString = () => `update(${this.owner}, #${this.index}, ${this.contact.surname})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: string,
    readonly index: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const answer = await call(sandbox.fetch, real.tokens[this.owner] ?? "", "DELETE", `${customersPath}/${id}`);
    const position = find(model, this.owner, id);
    if (position < 0) {
      // Another merchant's id, a deleted one or none at all: the API's answer to an incorrect customer id.
      expect(answer).toMatchObject({ status: 403, body: { error: "ProductNotAllowedException" } });
      return;
    }
    const [customer] = model.merchants[this.owner]?.splice(position, 1) ?? [];
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([expect.objectContaining({ id, contact: stored((customer as Customer).contact) })]);
  }
  toString = () => `delete(${this.owner}, #${this.index})`;
}

class List implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: string,
    readonly count: number,
    readonly offset: number,
    readonly search?: { q: string; where: (c: Contact) => boolean },
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const q = this.search ? `&q=${encodeURIComponent(this.search.q)}` : "";
    const path = `${customersPath}?count=${this.count}&offset=${this.offset}${q}`;
    const answer = await call(sandbox.fetch, real.tokens[this.owner] ?? "", "GET", path);
    const matches = (model.merchants[this.owner] ?? []).filter((c) => this.search?.where(c.contact) ?? true);
    expect(answer.status).toBe(200);
    expect(answer.body.count).toBe(matches.length);
    expect(answer.body.data.map((c: Customer) => c.id)).toEqual(
      matches.slice(this.offset, this.offset + this.count).map((c) => c.id),
    );
  }
  toString = () =>
    `list(${this.owner}, count ${this.count}, offset ${this.offset}${this.search ? `, ${this.search.q}` : ""})`;
}

const encoded = (value: string) => encodeURIComponent(value);
const search = fc.oneof(
  fc.constantFrom("max@example.com", "info@müller.example").map((email) => ({
    q: `contact.email:${encoded(email)}`,
    where: (c: Contact) => c.email === email,
  })),
  fc.constantFrom("m", "j").map((start) => ({
    q: `contact.surname:${start.toUpperCase()}*`,
    where: (c: Contact) => c.surname.toLowerCase().startsWith(start),
  })),
  fc.constantFrom("Dresden", "Berlin").map((city) => ({
    q: `NOT contact.address.city:${city.toLowerCase()} AND (contact.forename:J??? OR contact.forename:max)`,
    where: (c: Contact) => c.address.city !== city && (/^j...$/i.test(c.forename) || c.forename === "Max"),
  })),
);

const commands = [
  fc.tuple(merchant, contact).map(([owner, sent]) => new Create(owner, sent)),
  fc.tuple(merchant, fc.nat(50)).map(([owner, index]) => new Get(owner, index)),
  fc.tuple(merchant, fc.nat(50), contact).map(([owner, index, sent]) => new Update(owner, index, sent)),
  fc.tuple(merchant, fc.nat(50)).map(([owner, index]) => new Delete(owner, index)),
  fc
    .tuple(merchant, fc.integer({ min: 1, max: 5 }), fc.nat(4))
    .map(([owner, count, offset]) => new List(owner, count, offset)),
  fc.tuple(merchant, search).map(([owner, s]) => new List(owner, 100, 0, s)),
];

it(
  "the sandbox and the reference model agree on every answer",
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (sequence) => {
        sandbox.reset();
        const model: Model = { merchants: { "merchant-a": [], "merchant-b": [] }, seen: [] };
        await fc.asyncModelRun(() => ({ model, real: { tokens } }), sequence);
      }),
      { numRuns: runs(150) },
    );
  },
  timeLimit(120_000),
);
