// Temporary A/B (not committed): floor vs our client, stubbed fetch, interleaved rounds.
import createClient from "openapi-fetch";
import { customersPath, oauthTokenResponse, paymentCustomer, paymentCustomerId, paymentCustomerInput, tokenPath } from "./src/spec-examples.mjs";
const { createPaymentCustomersClient } = await import(process.argv[2] ?? "@payment-customers/client");
const bearer = `Bearer ${oauthTokenResponse.access_token}`;
const answer = (body) => { const json = JSON.stringify(body); return { json, init: { status: 200, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(json)) } } }; };
const customer = answer(paymentCustomer), token = answer(oauthTokenResponse);
const stub = async (input) => { const url = typeof input === "string" ? input : input.url; const { json, init } = url.endsWith(tokenPath) ? token : customer; return new Response(json, init); };
const base = "https://connect-testing.secuconnect.com";
const floor = createClient({ baseUrl: base, fetch: stub });
floor.use({ onRequest({ request }) { request.headers.set("authorization", bearer); return request; } });
const params = { path: { paymentCustomerId } };
const data = ({ data, error }) => { if (error !== undefined) throw new Error("x"); return data; };
const ours = createPaymentCustomersClient({ environment: base, clientId: "bench-client", clientSecret: "bench-secret", fetch: stub });
const rows = {
  floorGet: () => floor.GET(`${customersPath}/{paymentCustomerId}`, { params, signal: new AbortController().signal }).then(data),
  oursGet: () => ours.customers.get(paymentCustomerId),
  floorPost: () => floor.POST(customersPath, { body: paymentCustomerInput, signal: new AbortController().signal }).then(data),
  oursPost: () => ours.customers.create(paymentCustomerInput),
};
const times = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
for (let round = 0; round < 15; round++) for (const [k, f] of Object.entries(rows)) {
  for (let i = 0; i < 300; i++) await f();
  const n = 2000, t = performance.now(); for (let i = 0; i < n; i++) await f(); times[k].push((performance.now() - t) / n * 1000);
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, med(v)]));
console.log(Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(1)}µs`).join("  "), ` GET ${(m.oursGet / m.floorGet).toFixed(2)}x  POST ${(m.oursPost / m.floorPost).toFixed(2)}x`);
