// One test per rule of scripts/breaking-changes.mjs on small inline specs, then the CLI on files written from
// the same small specs (never on the real spec's fields, which change with the API), then the CLI on the repository.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyBreakingChanges, findBreakingChanges } from "../../scripts/breaking-changes.mjs";
import { majorChangesets, parseChangeset } from "../../scripts/changesets.mjs";
import { run } from "../src/command.js";
import { repositoryRoot } from "../src/working-tree.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });

// A small API: list, create, get and delete customers; `name` is read-only, `secret` write-only.
function released() {
  return {
    openapi: "3.1.0",
    info: { title: "Customers", version: "1.0.0" },
    servers: [{ url: "https://api.example.com/v1" }, { url: "http://127.0.0.1:4010" }],
    paths: {
      "/customers": {
        get: {
          operationId: "listCustomers",
          parameters: [
            { name: "count", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
            { name: "kind", in: "query", schema: { type: "string", enum: ["person", "company"] } },
          ],
          responses: {
            "200": {
              description: "A page",
              ...json({
                type: "object",
                required: ["count", "data"],
                properties: {
                  count: { type: "integer" },
                  data: { type: "array", items: { $ref: "#/components/schemas/Customer" } },
                },
              }),
            },
          },
        },
        post: {
          operationId: "createCustomer",
          security: [{ oauth: ["customers:write"] }],
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/Customer" }) },
          responses: {
            "200": { description: "Created", ...json({ $ref: "#/components/schemas/Customer" }) },
            "400": { $ref: "#/components/responses/BadRequest" },
          },
        },
      },
      "/customers/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^C_[0-9]+$" } }],
        get: {
          operationId: "getCustomer",
          responses: { "200": { description: "The customer", ...json({ $ref: "#/components/schemas/Customer" }) } },
        },
        delete: { operationId: "deleteCustomer", responses: { "204": { description: "Deleted" } } },
      },
    },
    components: {
      securitySchemes: {
        oauth: {
          type: "oauth2",
          flows: {
            clientCredentials: { tokenUrl: "/oauth/token", scopes: { "customers:write": "", "customers:admin": "" } },
          },
        },
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
      },
      responses: {
        BadRequest: { description: "Bad request", ...json({ $ref: "#/components/schemas/Problem" }) },
      },
      schemas: {
        Customer: {
          type: "object",
          required: ["email"],
          properties: {
            id: { type: "string", readOnly: true },
            name: { type: "string", readOnly: true, maxLength: 100 },
            secret: { type: "string", writeOnly: true },
            email: { type: "string", format: "email", maxLength: 254 },
            kind: { type: "string", enum: ["person", "company"] },
            age: { type: ["integer", "null"], minimum: 0 },
            score: { type: "number" },
            notes: { type: "string" },
            address: { $ref: "#/components/schemas/Address" },
            parent: { $ref: "#/components/schemas/Customer", description: "Self-reference" },
          },
        },
        Address: {
          type: "object",
          properties: { city: { type: "string" }, country: { type: "string", minLength: 2, maxLength: 2 } },
        },
        Problem: {
          oneOf: [
            { $ref: "#/components/schemas/Address" },
            { type: "object", properties: { code: { type: "integer" } } },
          ],
        },
      },
    },
  };
}

type Spec = ReturnType<typeof released>;
type Schemas = Spec["components"]["schemas"];

function changesAfter(edit: (spec: Spec & Record<string, unknown>) => void): string[] {
  const current = structuredClone(released());
  edit(current);
  return findBreakingChanges(released(), current);
}

const customer = (spec: Spec) => spec.components.schemas.Customer.properties as Record<string, unknown>;
function parameterSchema(spec: Spec, path: "/customers" | "/customers/{id}", index: number) {
  const item = spec.paths[path] as { parameters?: unknown[]; get: { parameters?: unknown[] } };
  const parameter = (item.parameters ?? item.get.parameters)?.[index] as
    | { schema: Record<string, unknown> }
    | undefined;
  if (!parameter) throw new Error(`${path} has no parameter ${index}`);
  return parameter.schema;
}
const operation = (spec: Spec, path: "/customers" | "/customers/{id}", method: string) =>
  (spec.paths[path] as Record<string, Record<string, unknown>>)[method] as Record<string, unknown>;

describe("findBreakingChanges", () => {
  it("finds nothing when nothing changed", () => {
    expect(findBreakingChanges(released(), released())).toEqual([]);
  });

  it("finds nothing in additions and widenings of what the types promise", () => {
    const changes = changesAfter((spec) => {
      customer(spec).nickname = { type: "string" };
      (parameterSchema(spec, "/customers", 2).enum as string[]).push("unknown"); // an enum value in requests only
      spec.servers.push({ url: "https://sandbox.example.com/v1" });
      (spec.servers[0] as { description?: string }).description = "Production";
      (operation(spec, "/customers", "post").security as unknown[]).push({ apiKey: [] }); // one more way in
      spec.components.schemas.Customer.properties.email.maxLength = 320;
      delete (spec.components.schemas.Customer.properties.email as { format?: string }).format;
      (spec.components.schemas.Customer.properties.age as { minimum?: number }).minimum = undefined;
      (spec.components.schemas.Customer.properties.score as { type: string }).type = "number";
      (spec.paths["/customers"].get.responses as Record<string, unknown>)["404"] = { description: "Not found" };
      (spec.paths as Record<string, unknown>)["/customers/search"] = { get: { responses: {} } };
      spec.paths["/customers"].get.parameters.push({ name: "sort", in: "query", schema: { type: "string" } } as never);
      (spec.components.schemas as Record<string, unknown>).Extra = { type: "string" };
    });
    expect(changes).toEqual([]);
  });

  it("an operation removed", () => {
    const changes = changesAfter((spec) => {
      delete (spec.paths["/customers/{id}"] as Record<string, unknown>).delete;
    });
    expect(changes).toEqual(["DELETE /customers/{id}: the operation was removed or renamed"]);
  });

  it("an operation's path renamed, a path parameter's name included (the types' `paths` key)", () => {
    const renamedPath = changesAfter((spec) => {
      (spec.paths as Record<string, unknown>)["/clients/{id}"] = spec.paths["/customers/{id}"];
      delete (spec.paths as Record<string, unknown>)["/customers/{id}"];
    });
    expect(renamedPath).toEqual([
      "GET /customers/{id}: the operation was removed or renamed",
      "DELETE /customers/{id}: the operation was removed or renamed",
    ]);
    const renamedParameter = changesAfter((spec) => {
      const item = spec.paths["/customers/{id}"];
      (item.parameters[0] as { name: string }).name = "customerId";
      (spec.paths as Record<string, unknown>)["/customers/{customerId}"] = item;
      delete (spec.paths as Record<string, unknown>)["/customers/{id}"];
    });
    expect(renamedParameter).toEqual(renamedPath);
  });

  it("an operationId renamed (the types' `operations` key)", () => {
    const changes = changesAfter((spec) => {
      operation(spec, "/customers/{id}", "get").operationId = "readCustomer";
    });
    expect(changes).toEqual(["GET /customers/{id}: operationId getCustomer was renamed to readCustomer"]);
  });

  it("a property removed or renamed: in requests and responses", () => {
    const changes = changesAfter((spec) => {
      customer(spec).remarks = customer(spec).notes;
      delete customer(spec).notes;
    });
    expect(changes).toContain("POST /customers: request body property notes was removed or renamed");
    expect(changes).toContain("POST /customers: 200 response body property notes was removed or renamed");
    expect(changes).toContain("GET /customers: 200 response body property data[].notes was removed or renamed");
    expect(changes).toContain("GET /customers/{id}: 200 response body property notes was removed or renamed");
    expect(changes).toContain("GET /customers/{id}: 200 response body property parent.notes was removed or renamed");
  });

  it("a read-only property removed breaks responses only; a write-only one requests only", () => {
    const readOnly = changesAfter((spec) => {
      delete customer(spec).name;
    });
    expect(readOnly.some((change) => change.includes("request"))).toBe(false);
    expect(readOnly).toContain("GET /customers/{id}: 200 response body property name was removed or renamed");
    const writeOnly = changesAfter((spec) => {
      delete customer(spec).secret;
    });
    expect(writeOnly).toEqual([
      "POST /customers: request body property secret was removed or renamed",
      "POST /customers: request body property parent.secret was removed or renamed",
    ]);
  });

  it("a property newly required in a request", () => {
    const changes = changesAfter((spec) => {
      spec.components.schemas.Customer.required.push("kind");
    });
    expect(changes).toContain("POST /customers: request body property kind is now required");
    expect(changes.filter((change) => change.includes("response"))).toEqual([]);
  });

  it("a property no longer always present in a response: breaks typed consumers only", () => {
    const current = structuredClone(released());
    current.components.schemas.Customer.required = [];
    const { wire, types } = classifyBreakingChanges(released(), current);
    expect(wire).toEqual([]);
    expect(types).toContain("GET /customers/{id}: 200 response body property email is no longer always present");
    expect(types).toContain("GET /customers: 200 response body property data[].email is no longer always present");
    expect(types.filter((change) => change.includes("request"))).toEqual([]);
    expect(findBreakingChanges(released(), current)).toEqual(types);
  });

  it("an answer's type widened (e.g. to null): breaks typed consumers only; in a request it is no change", () => {
    const current = structuredClone(released());
    (current.components.schemas.Customer.properties.notes as { type: unknown }).type = ["string", "null"];
    const { wire, types } = classifyBreakingChanges(released(), current);
    expect(wire).toEqual([]);
    expect(types).toContain("GET /customers/{id}: 200 response body property notes may now also be null");
    expect(types.filter((change) => change.includes("request"))).toEqual([]);
  });

  it("an answer that became alternatives: compared with its namesake, the others break typed consumers", () => {
    const current = structuredClone(released());
    const get = operation(current, "/customers/{id}", "get") as { responses: Record<string, Record<string, unknown>> };
    get.responses["200"] = {
      description: "The customer, or a redirect notice",
      ...json({ oneOf: [{ $ref: "#/components/schemas/Customer" }, { $ref: "#/components/schemas/Address" }] }),
    };
    expect(classifyBreakingChanges(released(), current)).toEqual({
      wire: [],
      types: ["GET /customers/{id}: 200 response body may now also be Address"],
      unresolved: [],
    });
    delete (current.components.schemas.Customer.properties as Record<string, unknown>).notes;
    expect(classifyBreakingChanges(released(), current).wire).toContain(
      "GET /customers/{id}: 200 response body property notes was removed or renamed",
    );
    get.responses["200"] = { description: "Other", ...json({ oneOf: [{ $ref: "#/components/schemas/Address" }] }) };
    expect(classifyBreakingChanges(released(), current).wire).toContain(
      "GET /customers/{id}: 200 response body is now one of Address",
    );
  });

  it("a parameter removed, newly required, or new and required", () => {
    const changes = changesAfter((spec) => {
      const parameters = spec.paths["/customers"].get.parameters as Array<Record<string, unknown>>;
      parameters.splice(1, 1);
      (parameters[0] as { required?: boolean }).required = true;
      parameters.push({ name: "X-Tenant", in: "header", required: true, schema: { type: "string" } });
    });
    expect(changes).toEqual([
      "GET /customers: query parameter count is now required",
      "GET /customers: query parameter q was removed or renamed",
      "GET /customers: new required header parameter x-tenant",
    ]);
  });

  it("a request body newly required, or removed", () => {
    const changes = changesAfter((spec) => {
      operation(spec, "/customers/{id}", "delete").requestBody = { required: true, ...json({ type: "object" }) };
      delete operation(spec, "/customers", "post").requestBody;
    });
    expect(changes).toEqual([
      "POST /customers: the request body was removed",
      "DELETE /customers/{id}: a request body is now required",
    ]);
  });

  it("a narrowed type: a type left out of the list, or number narrowed to integer", () => {
    const changes = changesAfter((spec) => {
      (spec.components.schemas.Customer.properties.age as { type: unknown }).type = "integer";
      (spec.components.schemas.Customer.properties.score as { type: unknown }).type = "integer";
    });
    expect(changes).toContain("POST /customers: request body property age no longer accepts type null");
    expect(changes).toContain("POST /customers: request body property score no longer accepts type number");
  });

  it("an enum value removed, or an enum or const added", () => {
    const changes = changesAfter((spec) => {
      spec.components.schemas.Customer.properties.kind.enum = ["person"];
      (customer(spec).notes as Record<string, unknown>).enum = ["a", "b"];
      (customer(spec).address as Record<string, unknown>) = { $ref: "#/components/schemas/Address", const: null };
    });
    expect(changes).toContain('POST /customers: request body property kind lost the enum value "company"');
    expect(changes).toContain('POST /customers: request body property notes is now limited to "a", "b"');
    expect(changes).toContain("POST /customers: request body property address is now fixed to null");
  });

  it("a pattern or format added or changed", () => {
    const changes = changesAfter((spec) => {
      parameterSchema(spec, "/customers/{id}", 0).pattern = "^C_[0-9]{8}$";
      (customer(spec).notes as Record<string, unknown>).pattern = "^[a-z]*$";
      spec.components.schemas.Customer.properties.email.format = "idn-email";
    });
    expect(changes).toContain(
      'GET /customers/{id}: path parameter id pattern changed from "^C_[0-9]+$" to "^C_[0-9]{8}$"',
    );
    expect(changes).toContain('POST /customers: request body property notes now has the pattern "^[a-z]*$"');
    expect(changes).toContain(
      'POST /customers: request body property email format changed from "email" to "idn-email"',
    );
  });

  it("a bound tightened: maximum or maxLength lowered, minimum raised, a new minLength", () => {
    const changes = changesAfter((spec) => {
      parameterSchema(spec, "/customers", 0).maximum = 50;
      parameterSchema(spec, "/customers", 0).minimum = 5;
      spec.components.schemas.Customer.properties.email.maxLength = 100;
      (customer(spec).notes as Record<string, unknown>).minLength = 1;
    });
    expect(changes).toEqual(
      expect.arrayContaining([
        "GET /customers: query parameter count maximum changed from 100 to 50",
        "GET /customers: query parameter count minimum changed from 1 to 5",
        "POST /customers: request body property email maxLength changed from 254 to 100",
        "POST /customers: request body property notes now has minLength 1",
      ]),
    );
  });

  it("additional properties no longer accepted", () => {
    const changes = changesAfter((spec) => {
      (spec.components.schemas.Address as Record<string, unknown>).additionalProperties = false;
    });
    expect(changes).toContain("POST /customers: request body property address no longer accepts additional properties");
  });

  it("a response or its media type removed", () => {
    const changes = changesAfter((spec) => {
      delete (operation(spec, "/customers", "post").responses as Record<string, unknown>)["400"];
      (operation(spec, "/customers/{id}", "get").responses as { "200": { content: unknown } })["200"].content = {
        "application/xml": { schema: { type: "string" } },
      };
    });
    expect(changes).toEqual([
      "POST /customers: the 400 response was removed",
      "GET /customers/{id}: 200 response body is no longer sent as application/json",
    ]);
  });

  it("a oneOf alternative removed, followed through a $ref'd response", () => {
    const changes = changesAfter((spec) => {
      (spec.components.schemas.Problem.oneOf as unknown[]).pop();
    });
    expect(changes).toEqual(["POST /customers: 400 response body oneOf alternative #2 was removed"]);
  });

  it("a component schema removed or renamed (the types package exports each)", () => {
    const changes = changesAfter((spec) => {
      const schemas = spec.components.schemas as Partial<Schemas> & Record<string, unknown>;
      schemas.Place = schemas.Address;
      delete schemas.Address;
      (customer(spec).address as { $ref: string }).$ref = "#/components/schemas/Place";
      (spec.components.schemas.Problem.oneOf[0] as { $ref: string }).$ref = "#/components/schemas/Place";
    });
    expect(changes).toContain("components.schemas.Address was removed or renamed (the types package exports it)");
    expect(changes).toContain("POST /customers: 400 response body oneOf alternative Address was removed");
  });
});

describe("the blind spots: servers, security, enum values in answers, unfollowable $refs", () => {
  it("a server URL changed or removed, for the whole API or one operation", () => {
    const changes = changesAfter((spec) => {
      spec.servers[0] = { url: "https://api.example.com/v2" };
      (spec.paths["/customers/{id}"] as Record<string, unknown>).servers = [{ url: "http://127.0.0.1:4010" }];
    });
    expect(changes).toContain(
      "servers: the server URL https://api.example.com/v1 was removed or changed (now https://api.example.com/v2, http://127.0.0.1:4010)",
    );
    expect(changes).toContain(
      "GET /customers/{id}: the server URL https://api.example.com/v1 was removed or changed (now http://127.0.0.1:4010)",
    );
  });

  it("a security requirement added: to an open operation, a scope more, or one alternative less", () => {
    const changes = changesAfter((spec) => {
      (spec as Record<string, unknown>).security = [{ oauth: [] }];
      operation(spec, "/customers", "post").security = [{ oauth: ["customers:write", "customers:admin"] }];
    });
    expect(changes).toContain(
      "GET /customers: security: a request with no credentials is no longer allowed; it now needs oauth",
    );
    expect(changes).toContain(
      "POST /customers: security: a request with oauth (scopes customers:write) is no longer allowed; it now needs oauth (scopes customers:write, customers:admin)",
    );
    const narrowed = changesAfter((spec) => {
      operation(spec, "/customers", "post").security = [{ oauth: ["customers:write"], apiKey: [] }];
    });
    expect(narrowed).toEqual([
      "POST /customers: security: a request with oauth (scopes customers:write) is no longer allowed; it now needs oauth (scopes customers:write) and apiKey",
    ]);
    // Security dropped from an operation: anonymous requests are allowed now, nothing breaks.
    expect(changesAfter((spec) => delete operation(spec, "/customers", "post").security)).toEqual([]);
  });

  it("an enum value added to an answer breaks typed consumers (exhaustive switches); in a request it is no change", () => {
    const current = structuredClone(released());
    current.components.schemas.Customer.properties.kind.enum.push("unknown");
    const { wire, types } = classifyBreakingChanges(released(), current);
    expect(wire).toEqual([]);
    expect(types).toContain(
      'GET /customers/{id}: 200 response body property kind may now also be the enum value "unknown"',
    );
    expect(types.filter((change) => change.includes("request"))).toEqual([]);
  });

  it("a dangling or external $ref: no crash; listed, and the rest still compared", () => {
    const current = structuredClone(released());
    (customer(current).address as { $ref: string }).$ref = "#/components/schemas/Adress";
    (operation(current, "/customers/{id}", "get").responses as Record<string, unknown>)["404"] = {
      $ref: "./errors.yaml#/NotFound",
    };
    delete (current.components.schemas.Customer.properties as Record<string, unknown>).notes;
    const { wire, unresolved } = classifyBreakingChanges(released(), current);
    expect(unresolved.sort()).toEqual([
      'current spec: dangling $ref "#/components/schemas/Adress" at #/components/schemas/Customer/properties/address',
      'current spec: external $ref "./errors.yaml#/NotFound" at #/paths/~1customers~1{id}/get/responses/404',
    ]);
    expect(wire).toContain("GET /customers/{id}: 200 response body property notes was removed or renamed");
  });
});

describe("majorChangesets", () => {
  const names = ["@payment-customers/types", "@payment-customers/client"];
  const changeset = (file: string, bumps: string) => ({
    file,
    releases: parseChangeset(`---\n${bumps}\n---\n\nA change.\n`),
  });

  it("finds the changesets that bump one of the packages major", () => {
    const found = majorChangesets(
      [
        changeset("minor.md", '"@payment-customers/types": minor'),
        changeset("major.md", '"@payment-customers/client": major'),
        changeset("other-package.md", '"left-pad": major'),
      ],
      names,
    );
    expect(found).toEqual(["major.md"]);
  });

  it("refuses what Changesets refuses, instead of reading it as no bump or a bump Changesets would not make", () => {
    expect(() => parseChangeset("@payment-customers/types: major\n")).toThrow(/frontmatter/);
    // An unquoted scoped name is not YAML (`@` cannot start a plain value): `changeset version` fails on it.
    expect(() => parseChangeset("---\n@payment-customers/types: major\n---\n\nA change.\n")).toThrow(/YAML/);
  });
});

describe("scripts/check-breaking-changes.mjs", () => {
  let root: string;
  let dir: string;
  const check = (spec: string, changesets: string) =>
    run(
      "node",
      [
        "scripts/check-breaking-changes.mjs",
        `--released=${join(dir, "released.yaml")}`,
        `--spec=${join(dir, spec)}`,
        `--changesets=${join(dir, changesets)}`,
      ],
      { cwd: root },
    );
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: Error) => error.message,
    );

  beforeAll(async () => {
    root = await repositoryRoot();
    dir = await mkdtemp(join(tmpdir(), "payment-customers-breaking-"));
    // JSON is YAML: the small spec of the rule tests, released, then with one change of each kind.
    await writeFile(join(dir, "released.yaml"), JSON.stringify(released()));
    const removed = structuredClone(released());
    delete (removed.components.schemas.Customer.properties as Record<string, unknown>).notes;
    await writeFile(join(dir, "removed.yaml"), JSON.stringify(removed));
    const optional = structuredClone(released());
    optional.components.schemas.Customer.required = [];
    await writeFile(join(dir, "optional.yaml"), JSON.stringify(optional));
    for (const bump of ["minor", "major"]) {
      await mkdir(join(dir, bump));
      await writeFile(join(dir, bump, "README.md"), "Not a changeset.\n");
      await writeFile(
        join(dir, bump, "customer-notes.md"),
        `---\n"@payment-customers/types": ${bump}\n"@payment-customers/client": ${bump}\n"@payment-customers/mock": ${bump}\n---\n\nCustomer.notes removed.\n`,
      );
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("fails on a removed field without a major changeset, naming the field in plain words", async () => {
    const failure = await failureOf(check("removed.yaml", "minor"));
    expect(failure).toContain("BREAKING: GET /customers/{id}: 200 response body property notes was removed or renamed");
    expect(failure).toContain("BREAKING: POST /customers: request body property notes was removed or renamed");
    expect(failure).not.toContain("typed consumers only");
    expect(failure).toContain("run `pnpm changeset` and pick `major`");
  });

  it("passes on the same change with a major changeset, listing it as accepted", async () => {
    const { stdout } = await check("removed.yaml", "major");
    expect(stdout).toContain("accepted by the major changeset customer-notes.md");
    expect(stdout).toContain("property notes was removed or renamed");
  });

  it("says what a field no longer always present does: the wire loosens, typed code breaks, so major", async () => {
    const failure = await failureOf(check("optional.yaml", "minor"));
    expect(failure).toContain("Breaking for typed consumers only");
    expect(failure).toContain("every answer that was valid before is still valid");
    expect(failure).toContain("TypeScript code that used such a field without a check");
    expect(failure).toContain(
      "BREAKING FOR TYPES: GET /customers/{id}: 200 response body property email is no longer always present",
    );
    expect(failure).not.toMatch(/^ {2}BREAKING: /m);
    expect(failure).toContain("run `pnpm changeset` and pick `major`");
    const { stdout } = await check("optional.yaml", "major");
    expect(stdout).toContain("accepted by the major changeset customer-notes.md");
  });

  it("passes on the repository as it is: every breaking change since the last release has its major changeset", async () => {
    const { stdout } = await run("node", ["scripts/check-breaking-changes.mjs"], { cwd: root });
    expect(stdout).toMatch(/No breaking changes|accepted by the major changeset/);
  });
});
