// What the sandbox tests share: tokens per merchant and calls that check every answer against the spec.
import { expect } from "vitest";
import type { Sandbox } from "../../dist/index.js";

export const base = "http://sandbox.local";
export const customersPath = "/api/v2/Payment/Customers";

/** A valid contact of a create (the state-file tests' customer). */
export const contact = {
  forename: "Erika",
  surname: "Mustermann",
  email: "erika@example.com",
  address: { street: "Heidestraße", street_number: "17", postal_code: "51147", city: "Köln", country: "DE" },
};

/** `fetch` over real HTTP that gives up after 30 s, so a hung mock fails the test instead of stalling it. */
export const httpFetch = (input: Request | string | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });

/** A token for `clientId` (each client id is its own merchant). */
export async function tokenFor(fetch: Sandbox["fetch"], clientId: string, url = base): Promise<string> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: "secret" });
  const answer = await fetch(`${url}/oauth/token`, { method: "POST", body });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** Calls the API; fails the test when the answer breaks the spec (Prism's `sl-violations` on the response). */
export async function call(
  fetch: Sandbox["fetch"],
  token: string,
  method: string,
  path: string,
  body?: unknown,
  url = base,
  // biome-ignore lint/suspicious/noExplicitAny: the tests compare answers by value
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const answer = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const violations = JSON.parse(answer.headers.get("sl-violations") ?? "[]") as { location: string[] }[];
  expect(violations.filter((violation) => violation.location[0] === "response")).toEqual([]);
  return { status: answer.status, body: await answer.json() };
}
