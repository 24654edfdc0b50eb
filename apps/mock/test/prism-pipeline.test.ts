// The engine's path for the HTTP server (plain requests, Prism's parts called in one straight function,
// prism-pipeline.ts) must answer every request as the web path through Prism's own `factory` pipeline does: two
// engines on the same spec, each with its store, the same tokens and clock, get the same generated requests (valid
// and not: bad ids, bodies, tokens and query values, unknown paths and methods, `Prefer`) in the same order, and
// give the same status, headers (`sl-violations` and `Warning` included) and body, up to the ids each store drew.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { expect, it } from "vitest";
import { runs } from "../../../vitest.fast-check.mjs";
import { createEngine, type Engine, readOperations } from "../src/engine.js";
import type { PlainAnswer } from "../src/plain-messages.js";
import { createTokenIssuer } from "../src/sandbox/oauth.js";
import { createStore } from "../src/sandbox/store.js";

const spec = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));
const operations = readOperations(spec);
const now = () => 1_760_000_000_000;
const customers = "/api/v2/Payment/Customers";
const input = {
  contact: {
    salutation: "Mr.",
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    dob: "1901-02-03",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
};

/** The bundled spec with a field every answer with a customer lacks: those answers break the spec. */
function specAnswersBreak(): object {
  const document = JSON.parse(readFileSync(spec, "utf8"));
  const customer = document.components.schemas.PaymentCustomersProductModel;
  customer.required = [...(customer.required ?? []), "neverThere"];
  customer.properties.object = { ...customer.properties.object, maxLength: 3 };
  return document;
}

/**
 * The bundled spec with what it does not have itself, for the parts of Prism the plain path answers for their plain
 * case and hands the rest back: security that is not only a bearer token (an alternative of basic, none, an API key),
 * a required header parameter, a concrete path beside a template, several parameters in one segment, a deprecated,
 * a label-style and an integer path parameter, an encoded literal in a template.
 */
function specOfOtherShapes(): object {
  const document = JSON.parse(readFileSync(spec, "utf8"));
  const byId = document.paths[`${customers}/{paymentCustomerId}`];
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    basic: { type: "http", scheme: "basic" },
    bearer: { type: "http", scheme: "bearer" },
    key: { type: "apiKey", in: "header", name: "x-api-key" },
  };
  byId.get.security = [{ oauth2: [] }, { basic: [] }];
  byId.delete.security = [{ bearer: [] }];
  byId.put.security = [{}];
  document.paths[customers].post.security = [{ key: [] }, { oauth2: [] }];
  document.paths[customers].get.parameters.push({
    name: "X-Trace",
    in: "header",
    required: true,
    schema: { type: "string", maxLength: 5 },
  });
  const answers = byId.get.responses;
  const read = (parameters: object[]) => ({ get: { parameters, responses: answers } });
  const inPath = (name: string, schema: object, more: object = {}) => ({
    name,
    in: "path",
    required: true,
    schema,
    ...more,
  });
  document.paths[`${customers}/me`] = read([]);
  document.paths["/api/v2/Payment/Export/{year}-{Month}"] = read([
    inPath("year", { type: "integer" }),
    inPath("Month", { type: "string", pattern: "^[0-9]{2}$" }, { deprecated: true }),
  ]);
  document.paths["/api/v2/Payment/Years/{year}"] = read([inPath("year", { type: "integer", minimum: 2000 })]);
  document.paths["/api/v2/Payment/Labels/{label}"] = read([inPath("label", { type: "string" }, { style: "label" })]);
  document.paths["/api/v2/Payment/Kunden%20Liste"] = read([]);
  return document;
}
const pathsOfOtherShapes = [
  `${customers}/me`,
  "/api/v2/Payment/Export/2024-05",
  "/api/v2/Payment/Export/x-y",
  "/api/v2/Payment/Export/-",
  "/api/v2/Payment/Years/2024",
  "/api/v2/Payment/Years/1999",
  "/api/v2/Payment/Years/abc",
  "/api/v2/Payment/Labels/.a",
  "/api/v2/Payment/Labels/a",
  "/api/v2/Payment/Kunden%20Liste",
  "/api/v2/Payment/Kunden Liste",
  "/api/v2/Payment/Kunden%2520Liste",
];

async function engines(mode: "sandbox" | "static" | "dynamic", document?: object) {
  const tokens = createTokenIssuer({ ttlSeconds: 1200, now });
  const read = document
    ? { spec: document, operations: readOperations(structuredClone(document)) }
    : { spec, operations };
  const options = { ...read, mode, tokenTtl: 1200, tokens, now, ...(mode === "dynamic" ? { seed: 7 } : {}) };
  const plain = await createEngine({ ...options, store: createStore() });
  const reference = await createEngine({ ...options, store: createStore(), pipeline: "factory" });
  const issued = tokens.issue({ grant_type: "client_credentials", client_id: "shop", client_secret: "s" });
  return { plain, reference, token: (issued.body as { access_token: string }).access_token };
}

interface Sent {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
}

/** One request to both: the plain engine as the HTTP server calls it, the reference through its web handler. */
async function both(
  plain: Engine,
  reference: Engine,
  sent: Sent,
  referenceSent = sent,
): Promise<[PlainAnswer, PlainAnswer]> {
  const parts = ({ method, path, query, headers, body }: Sent) => {
    const url = new URL(`http://sandbox.local${path}${query}`);
    const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
    return {
      method,
      url,
      headers,
      ...(bytes ? { body: bytes } : {}),
      web: () => new Request(url, { method, headers, body: bytes }),
    };
  };
  const fromPlain = await plain.answer(parts(sent));
  const response = await reference(parts(referenceSent).web());
  const text = await response.text();
  const fromReference = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    ...(response.body === null ? {} : { body: text }),
  };
  return [fromPlain, fromReference];
}

/** Each store's ids in the order they appeared, and the random support ids and tokens, as placeholders. */
function normaliser() {
  const seen = new Map<string, string>();
  return (answer: PlainAnswer) => {
    const text = JSON.stringify(answer)
      .replace(/PCU_[A-Z0-9]{30}/g, (id) => {
        if (!seen.has(id)) seen.set(id, `PCU_${seen.size}`);
        return seen.get(id) as string;
      })
      .replace(/\\"supportId\\":\\"[0-9a-f]{32}\\"/g, '\\"supportId\\":\\"…\\"')
      .replace(/\\"access_token\\":\\"[0-9a-z]+\\"/g, '\\"access_token\\":\\"…\\"');
    return JSON.parse(text) as PlainAnswer;
  };
}

const authorization = (token: string) =>
  fc.constantFrom<Record<string, string>>(
    { authorization: `Bearer ${token}` },
    { authorization: `Bearer ${token}` },
    { authorization: `Bearer ${token}` },
    { authorization: `Bearer ${token}` },
    { authorization: `bearer ${token}` },
    {},
    { authorization: "Bearer not-a-token" },
    { authorization: "Basic c2hvcDpz" },
    { authorization: "" },
    { authorization: "Bearer" },
    { authorization: `Bearer  ${token}` },
    { authorization: `Bearer\t${token}` },
    { authorization: `Bearer ${token} more` },
    { authorization: `BEARER ${token}` },
    { authorization: `Bearer ${token}`, "x-api-key": "k" },
    { "x-api-key": "k" },
  );
const id = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom("PCU_NOTTHERE0000000000000000000000", "PCU_short", "pcu_lower", "%E2%82%AC", "%zz", "a%2Fb"),
    fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
  );
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?count=5",
    "?count=abc",
    "?count=-1&offset=2",
    "?offset=x",
    "?q=surname:Muster*",
    "?q=",
    "?sort=surname",
    "?sort=-nope",
    "?fields=id,contact",
    "?unknown=1",
    "?count=1&count=2",
    "?__code=404",
    "?__code=999",
    "?__example=nope",
  ),
);
const body = fc.oneof(
  fc.constant(JSON.stringify(input)),
  fc.constant(JSON.stringify(input)),
  fc.constant(JSON.stringify({ contact: { ...input.contact, email: undefined, extra: 1 } })),
  fc.constant(JSON.stringify({ contact: { ...input.contact, email: undefined, extra: 1 } })),
  fc.constant(JSON.stringify({ contact: { ...input.contact, dob: "yesterday" } })),
  fc.constant(JSON.stringify({ contact: { forename: 7 } })),
  fc.constant(JSON.stringify({})),
  fc.constant("{not json"),
  fc.constant(""),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc.constant("grant_type=client_credentials&client_id=shop&client_secret=s"),
);
const contentType = fc.constantFrom<Record<string, string>>(
  { "content-type": "application/json" },
  { "content-type": "application/json" },
  { "content-type": "application/json" },
  { "content-type": "application/json; charset=utf-8" },
  { "content-type": "text/plain" },
  { "content-type": "application/x-www-form-urlencoded" },
  {},
);
// Not `dynamic=true` in the static mode: its bodies are drawn unseeded there.
const prefer = (mode: string) =>
  fc.constantFrom<Record<string, string>>(
    {},
    {},
    { prefer: "code=404" },
    { prefer: "code=400" },
    { prefer: "code=418" },
    { prefer: "example=nope" },
    { prefer: mode === "static" ? "code=401" : "dynamic=true" },
    { prefer: "nonsense" },
  );

// Paths next to the spec's: trailing and repeated slashes (merged-slashes.ts), encoded and other-case literals,
// encoded slashes, dot segments, a path for no operation.
const edgePaths = [
  `${customers}/`,
  `${customers}//`,
  `//api/v2//Payment/Customers`,
  `${customers}/x/`,
  "/api/v2/Payment/%43ustomers",
  "/api/v2/Payment/Customers%2Fx",
  `${customers}/%2F`,
  "/api/v2/Payment/customers",
  "/API/v2/Payment/Customers",
  `${customers}/..`,
  "/oauth/token/",
  "//oauth//token",
  "/oauth/%74oken",
];

function request(mode: string, token: string, known: string[], extraPaths: string[] = []): fc.Arbitrary<Sent> {
  const path = fc.oneof(
    fc.constant(customers),
    id(known).map((value) => `${customers}/${value}`),
    fc.constantFrom("/oauth/token", "/api/v2/Payment/Nope", "/api/v2/Payment/Customers/a/b", "/api", "/%"),
    fc.constantFrom(...edgePaths),
    // A spec's own paths are drawn twice as often as the rest together.
    ...(extraPaths.length > 0 ? [{ arbitrary: fc.constantFrom(...extraPaths), weight: 8 }] : []),
  );
  return fc
    .record({
      method: fc.constantFrom("GET", "GET", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
      path,
      query,
      auth: authorization(token),
      type: contentType,
      prefer: prefer(mode),
      accept: fc.constantFrom<Record<string, string>>({}, { accept: "application/json" }, { accept: "text/html" }),
      trace: fc.constantFrom<Record<string, string>>({}, {}, { "x-trace": "t1" }, { "x-trace": "too-long" }),
      body,
    })
    .map(({ method, path, query, auth, type, prefer, accept, trace, body }): Sent => {
      const sent: Sent = { method, path, query, headers: { ...auth, ...type, ...prefer, ...accept, ...trace } };
      return method === "GET" || method === "HEAD" || body === "" ? sent : { ...sent, body };
    });
}

const cases = [
  { mode: "sandbox", name: "sandbox" },
  { mode: "static", name: "static" },
  { mode: "dynamic", name: "dynamic" },
  { mode: "sandbox", name: "sandbox on a spec its answers break", document: specAnswersBreak() },
  {
    mode: "sandbox",
    name: "sandbox on a spec of other shapes",
    document: specOfOtherShapes(),
    paths: pathsOfOtherShapes,
  },
  {
    mode: "static",
    name: "static on a spec of other shapes",
    document: specOfOtherShapes(),
    paths: pathsOfOtherShapes,
  },
] as const;

for (const { mode, name, ...breaking } of cases) {
  it(`${name}: the plain path answers every request as Prism's factory pipeline does`, async () => {
    const document = "document" in breaking ? breaking.document : undefined;
    const paths = "paths" in breaking ? [...breaking.paths] : [];
    const { plain, reference, token } = await engines(mode, document);
    // Customers both stores hold, created by the same requests.
    const known: string[][] = [[], []];
    for (let i = 0; i < 3; i++) {
      const sent = { method: "POST", path: customers, query: "", body: JSON.stringify(input) };
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const answers = await both(plain, reference, { ...sent, headers });
      for (const [which, answer] of answers.entries()) known[which]?.push(JSON.parse(answer.body ?? "{}").id);
    }
    const [ids = [], referenceIds = []] = known;
    expect(ids.length).toBe(mode === "sandbox" ? 3 : ids.length);
    const [ours, theirs] = [normaliser(), normaliser()];
    // The same customer gets the same placeholder in both: each normaliser sees its store's ids in creation order.
    for (const id of ids) ours({ status: 0, headers: {}, body: id });
    for (const id of referenceIds) theirs({ status: 0, headers: {}, body: id });
    const sameCustomer = (path: string) =>
      path.replace(/PCU_[A-Z0-9]{30}/, (value) => referenceIds[ids.indexOf(value)] ?? value);
    const statuses = new Set<number | string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(request(mode, token, ids.length > 0 ? ids : ["PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ"], paths), {
          minLength: 1,
          maxLength: 6,
        }),
        async (sequence) => {
          for (const sent of sequence) {
            const [fromPlain, fromReference] = await both(plain, reference, sent, {
              ...sent,
              path: sameCustomer(sent.path),
            });
            expect(ours(fromPlain), `${sent.method} ${sent.path}${sent.query}`).toEqual(theirs(fromReference));
            statuses.add(fromPlain.status);
            const violations = fromPlain.headers["sl-violations"];
            if (violations) statuses.add("sl-violations");
            if (violations?.includes('"response"')) statuses.add("answer violations");
            if (fromPlain.headers.warning) statuses.add("warning");
          }
        },
      ),
      { numRuns: runs(mode === "sandbox" || paths.length > 0 ? 60 : 25) },
    );
    // The requests reach the answers worth comparing: successes, refusals, and the headers that report violations.
    // The static mode on the spec of other shapes answers its examples seldom: most of its requests break that spec.
    const expected =
      mode === "sandbox"
        ? [200, 400, 401, 404, 405, "sl-violations", "warning"]
        : paths.length > 0
          ? [400, 401, 404, 405, "sl-violations"]
          : [200, 400, 404, 405];
    if (name.endsWith("answers break")) expected.push("answer violations");
    expect([...statuses]).toEqual(expect.arrayContaining(expected));
  });
}
