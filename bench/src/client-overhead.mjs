// Section 1: what each way of calling the API costs per call, for GET by id and POST create.
// "stubbed": fetch is replaced by a function returning a fresh Response, so only the library's own work is timed.
// "real I/O": a keep-alive HTTP server in a child process (its own core) answers; one call in flight at a time.
import { Agent } from "node:http";
import axios from "axios";
import OpenAI from "openai";
import createClient from "openapi-fetch";
import Stripe from "stripe";
import superagent from "superagent";
import { Bench } from "tinybench";
import { withChildServer } from "./child-server.mjs";
import { round } from "./results.mjs";
import {
  customersPath,
  oauthTokenResponse,
  paymentCustomer,
  paymentCustomerId,
  paymentCustomerInput,
  tokenPath,
} from "./spec-examples.mjs";

/** @typedef {{ get: () => Promise<unknown>, create: () => Promise<unknown> }} Calls */
/** @typedef {{ name: string, calls: (baseUrl: string, fetchFn: typeof fetch) => Promise<Calls> }} Contender */
/** @typedef {{ name: string, opsPerSecond: number, meanMicros: number, ratioToFetch: number, ratioToOpenapiFetch: number, ratioToFloor: number }} Row */

const bearer = `Bearer ${oauthTokenResponse.access_token}`;
const getPath = `${customersPath}/${paymentCustomerId}`;
const inputJson = JSON.stringify(paymentCustomerInput);

/** @type {Contender} */
const rawFetch = {
  name: "fetch (raw)",
  calls: async (baseUrl, fetchFn) => {
    const headers = { authorization: bearer, accept: "application/json" };
    const postHeaders = { ...headers, "content-type": "application/json" };
    /** @param {Response} res */
    const json = (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    };
    return {
      get: () => fetchFn(`${baseUrl}${getPath}`, { headers }).then(json),
      create: () =>
        fetchFn(`${baseUrl}${customersPath}`, { method: "POST", headers: postHeaders, body: inputJson }).then(json),
    };
  },
};

/** @type {Contender} */
const openapiFetch = {
  name: "openapi-fetch",
  calls: async (baseUrl, fetchFn) => {
    const client = createClient({ baseUrl, fetch: fetchFn, headers: { authorization: bearer } });
    /** @param {{ data?: unknown, error?: unknown, response: Response }} result */
    const data = ({ data, error, response }) => {
      if (error !== undefined) throw new Error(`HTTP ${response.status}`);
      return data;
    };
    const params = { path: { paymentCustomerId } };
    return {
      get: () => client.GET(`${customersPath}/{paymentCustomerId}`, { params }).then(data),
      create: () => client.POST(customersPath, { body: paymentCustomerInput }).then(data),
    };
  },
};

/**
 * The floor a typed, authenticated, cancellable client cannot go below: openapi-fetch, an auth middleware that sets
 * the bearer token, and a new AbortController per call whose signal the request carries.
 * @type {Contender}
 */
const floor = {
  name: "floor (openapi-fetch + auth middleware + AbortController)",
  calls: async (baseUrl, fetchFn) => {
    const client = createClient({ baseUrl, fetch: fetchFn });
    client.use({
      onRequest({ request }) {
        request.headers.set("authorization", bearer);
        return request;
      },
    });
    /** @param {{ data?: unknown, error?: unknown, response: Response }} result */
    const data = ({ data, error, response }) => {
      if (error !== undefined) throw new Error(`HTTP ${response.status}`);
      return data;
    };
    const params = { path: { paymentCustomerId } };
    return {
      get: () =>
        client.GET(`${customersPath}/{paymentCustomerId}`, { params, signal: new AbortController().signal }).then(data),
      create: () =>
        client.POST(customersPath, { body: paymentCustomerInput, signal: new AbortController().signal }).then(data),
    };
  },
};

/** Our client with client credentials: the first call fetches the token, later calls reuse it; retries on. */
/** @type {Contender} */
const ourClient = {
  name: "@payment-customers/client",
  calls: async (baseUrl, fetchFn) => {
    const { createPaymentCustomersClient } = await import("@payment-customers/client");
    const client = createPaymentCustomersClient({
      environment: baseUrl,
      clientId: "bench-client",
      clientSecret: "bench-secret",
      fetch: fetchFn,
    });
    return {
      get: () => client.customers.get(paymentCustomerId),
      create: () => client.customers.create(paymentCustomerInput),
    };
  },
};

/**
 * openai-node (Stainless-generated): its generic `get`/`post` on our paths, with its own retries (2), timeout and
 * bearer header; `fetch` is the stub, or the global fetch for real I/O.
 * @type {Contender}
 */
const openaiContender = {
  name: "openai-node",
  calls: async (baseUrl, fetchFn) => {
    const client = new OpenAI({ apiKey: oauthTokenResponse.access_token, baseURL: baseUrl, fetch: fetchFn });
    return {
      get: () => client.get(getPath),
      create: () => client.post(customersPath, { body: paymentCustomerInput }),
    };
  },
};

/**
 * stripe-node: `customers.retrieve` and `customers.create` (form-encoded, as Stripe sends), with its own retries
 * (`maxNetworkRetries: 2`, like ours) and timeout; its fetch HTTP client gets the stub (stubbed) or the global fetch
 * (real I/O; the server answers `/v1/customers` like ours).
 * @type {Contender}
 */
const stripeContender = {
  name: "stripe-node",
  calls: async (baseUrl, fetchFn) => {
    const { hostname, port, protocol } = new URL(baseUrl);
    const stripe = new Stripe(oauthTokenResponse.access_token, {
      httpClient: Stripe.createFetchHttpClient(fetchFn),
      host: hostname,
      port: port || undefined,
      protocol: /** @type {"http" | "https"} */ (protocol.slice(0, -1)),
      maxNetworkRetries: 2,
      telemetry: false,
    });
    const { contact } = paymentCustomerInput;
    return {
      get: () => stripe.customers.retrieve(paymentCustomerId),
      create: () =>
        stripe.customers.create({
          name: `${contact.forename} ${contact.surname}`,
          email: contact.email,
          address: {
            line1: `${contact.address.street} ${contact.address.street_number}`,
            postal_code: contact.address.postal_code,
            city: contact.address.city,
            country: contact.address.country,
          },
        }),
    };
  },
};

const keepAliveAgent = new Agent({ keepAlive: true });

/** @type {Contender} */
const axiosContender = {
  name: "axios",
  calls: async (baseUrl) => {
    const instance = axios.create({ baseURL: baseUrl, httpAgent: keepAliveAgent, headers: { authorization: bearer } });
    return {
      get: () => instance.get(getPath).then((res) => res.data),
      create: () => instance.post(customersPath, paymentCustomerInput).then((res) => res.data),
    };
  },
};

/** superagent is the transport of the official secuconnect JS SDK. */
/** @type {Contender} */
const superagentContender = {
  name: "superagent",
  calls: async (baseUrl) => ({
    get: () =>
      superagent
        .get(`${baseUrl}${getPath}`)
        .agent(keepAliveAgent)
        .set("authorization", bearer)
        .accept("json")
        .then((res) => res.body),
    create: () =>
      superagent
        .post(`${baseUrl}${customersPath}`)
        .agent(keepAliveAgent)
        .set("authorization", bearer)
        .accept("json")
        .send(paymentCustomerInput)
        .then((res) => res.body),
  }),
};

/**
 * A fetch that answers every call with a new Response built from prepared JSON, without I/O; with a
 * `Content-Length`, as the API's and the mock's answers have.
 */
function stubFetch() {
  /** @param {unknown} body */
  const answer = (body) => {
    const json = JSON.stringify(body);
    const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(json)) };
    return { json, init: { status: 200, headers } };
  };
  const customer = answer(paymentCustomer);
  const token = answer(oauthTokenResponse);
  /** @type {typeof fetch} */
  const stub = async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const { json, init } = url.endsWith(tokenPath) ? token : customer;
    return new Response(json, init);
  };
  return stub;
}

/**
 * Times each contender's `get` and `create` in interleaved rounds (order rotated each round, so drift and
 * GC hit every row alike) and keeps the median of the rounds' mean time per call.
 * @param {Contender[]} contenders
 * @param {string} baseUrl
 * @param {typeof fetch} fetchFn
 * @param {{ rounds: number, timePerRound: number }} options
 */
async function compare(contenders, baseUrl, fetchFn, { rounds, timePerRound }) {
  /** @type {{ name: string, calls: Calls }[]} */
  const ready = [];
  for (const contender of contenders) {
    const calls = await contender.calls(baseUrl, fetchFn);
    for (const [op, call] of Object.entries(calls)) {
      const body = /** @type {{ id?: string }} */ (await call());
      if (body?.id !== paymentCustomerId)
        throw new Error(`${contender.name} ${op}: unexpected body ${JSON.stringify(body)}`);
    }
    ready.push({ name: contender.name, calls });
  }
  /** @type {Record<string, Row[]>} */
  const result = {};
  for (const op of /** @type {const} */ (["get", "create"])) {
    /** @type {Map<string, number[]>} */
    const periods = new Map(ready.map(({ name }) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const bench = new Bench({ time: timePerRound, warmupTime: 100, throws: true });
      const rotated = [...ready.slice(round % ready.length), ...ready.slice(0, round % ready.length)];
      for (const { name, calls } of rotated) bench.add(name, calls[op]);
      await bench.run();
      for (const task of bench.tasks) {
        const taskResult = /** @type {{ period?: number }} */ (task.result);
        if (taskResult.period === undefined) throw new Error(`${task.name}: no result`);
        periods.get(task.name)?.push(taskResult.period);
      }
    }
    const medians = new Map([...periods].map(([name, values]) => [name, median(values)]));
    const fetchPeriod = medians.get(rawFetch.name) ?? Number.NaN;
    const openapiFetchPeriod = medians.get(openapiFetch.name) ?? Number.NaN;
    const floorPeriod = medians.get(floor.name) ?? Number.NaN;
    result[op] = [...medians].map(([name, period]) => ({
      name,
      opsPerSecond: 1000 / period,
      meanMicros: period * 1000,
      ratioToFetch: period / fetchPeriod,
      ratioToOpenapiFetch: period / openapiFetchPeriod,
      ratioToFloor: period / floorPeriod,
    }));
  }
  return result;
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Our client is skipped (and the reason reported) while its package is not built. */
async function availableContenders(/** @type {Contender[]} */ contenders) {
  try {
    await import("@payment-customers/client");
    return { contenders, skipped: undefined };
  } catch (error) {
    const reason = `@payment-customers/client not loadable: ${/** @type {Error} */ (error).message.split("\n")[0]}`;
    return { contenders: contenders.filter((c) => c !== ourClient), skipped: reason };
  }
}

/**
 * @param {string} caption
 * @param {Record<string, Row[]>} byOp
 * @returns {import("./results.mjs").Table}
 */
function overheadTable(caption, byOp) {
  const get = byOp.get ?? [];
  const create = byOp.create ?? [];
  return {
    caption,
    headers: [
      "library",
      "GET ops/s",
      "GET µs/call",
      "GET x fetch",
      "GET x floor",
      "POST ops/s",
      "POST µs/call",
      "POST x fetch",
      "POST x floor",
    ],
    rows: get.map((g) => {
      const c = create.find((row) => row.name === g.name);
      return [
        g.name,
        round(g.opsPerSecond),
        round(g.meanMicros),
        `${g.ratioToFetch.toFixed(2)}x`,
        `${g.ratioToFloor.toFixed(2)}x`,
        c ? round(c.opsPerSecond) : "n/a",
        c ? round(c.meanMicros) : "n/a",
        c ? `${c.ratioToFetch.toFixed(2)}x` : "n/a",
        c ? `${c.ratioToFloor.toFixed(2)}x` : "n/a",
      ];
    }),
  };
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureClientOverhead({ quick }) {
  // The node:http libraries have no stubbable fetch: they run only against the real server.
  const fetchBased = [rawFetch, openapiFetch, floor, ourClient, openaiContender, stripeContender];
  const stubbedSet = await availableContenders(fetchBased);
  const realSet = await availableContenders([...fetchBased, axiosContender, superagentContender]);
  const stubbedOptions = { rounds: quick ? 2 : 9, timePerRound: quick ? 100 : 400 };
  const realOptions = { rounds: quick ? 2 : 7, timePerRound: quick ? 150 : 600 };
  const stubbed = await compare(
    stubbedSet.contenders,
    "https://connect-testing.secuconnect.com",
    stubFetch(),
    stubbedOptions,
  );
  const realIo = await withChildServer(new URL("./customers-server.mjs", import.meta.url), (url) =>
    compare(realSet.contenders, url, globalThis.fetch, realOptions),
  );
  keepAliveAgent.destroy();
  return {
    tables: [
      overheadTable("Stubbed fetch: the library's own work per call (no I/O)", stubbed),
      overheadTable("Real I/O: keep-alive HTTP server on 127.0.0.1 in a child process, one call in flight", realIo),
    ],
    notes: [
      '"x floor" is relative to openapi-fetch with an auth middleware and a new AbortController per call: the least a typed client with a token and a timeout does.',
      `Median of ${stubbedOptions.rounds} (stubbed) / ${realOptions.rounds} (real I/O) interleaved rounds of ${stubbedOptions.timePerRound} / ${realOptions.timePerRound} ms per row (tinybench, warm-up first); "x fetch" is time per call relative to raw fetch (lower is better).`,
      "Every row sends `Authorization: Bearer`, parses the JSON body and checks the status. Our client uses client credentials (the token is fetched once, then cached) and its default retries. axios and superagent use an `http.Agent({ keepAlive: true })`; fetch is Node's built-in (undici, keep-alive by default).",
      "Peers, each through its own client with its defaults (2 retries, its timeout): openai-node 6.30.1 (its Node 20 line; 7.x needs Node 22) via its generic `client.get(path)` / `client.post(path, { body })` on our paths with `fetch` stubbed or global; stripe-node 23.1.0 via `customers.retrieve(id)` / `customers.create({ name, email, address })` (form-encoded) with `Stripe.createFetchHttpClient(fetch)` and `maxNetworkRetries: 2`, against `/v1/customers` on the same server. Both send a bearer API key instead of running an OAuth grant.",
      "Our client's typed calls build their own `Request` (no openapi-fetch on their path): per attempt one `Request` from a prepared URL and header object, the token, a timer, the origin guard and the answer cap, then the body as text and JSON.parse. Over real loopback the I/O side is the same as the floor's, plus the two headers the client sends besides (`accept`, `user-agent`); the difference to the floor is the client's own per-call work, as in the stubbed table.",
      ...(stubbedSet.skipped ? [`Our client was not measured: ${stubbedSet.skipped}.`] : []),
      ...(realIo.get?.some((row) => row.name === superagentContender.name && row.ratioToFetch < 1)
        ? [
            `superagent beats raw fetch here: on Node ${process.versions.node} the built-in fetch (undici) costs more per call than \`node:http\`, which superagent and axios use. The goal's "superagent about 1.26x raw fetch" does not hold on this Node.`,
          ]
        : []),
    ],
    data: { stubbed, realIo },
  };
}
