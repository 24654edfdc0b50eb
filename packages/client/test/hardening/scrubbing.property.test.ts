// Scrubbing as a property: whatever the secret and the token, no form of either survives in any field.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs, timeLimit } from "../../../../vitest.fast-check.mjs";
import { errorFromResponse, PaymentCustomersError } from "../../src/errors.js";
import { createPaymentCustomersClient, findCustomersByEmail } from "../../src/index.js";
import { createScrubber } from "../../src/secrets.js";

// What secrets and tokens are made of, plus what every encoding writes differently (no "[" or "]": the marker's).
const character = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split(""),
  ...Array.from(" /+\"\\=&%?#:;,'!*()~.-_üß€😀\n\t\u2028"),
);
const secret = fc.string({ unit: character, minLength: 8, maxLength: 40 });
const formsOf = (value: string) => [
  value,
  new URLSearchParams({ s: value }).toString().slice(2),
  encodeURIComponent(value),
  JSON.stringify(value).slice(1, -1),
];

describe("scrubbing", () => {
  it("leaves no form of the client secret or the token in any field, however the server echoes them", () => {
    fc.assert(
      fc.property(secret, secret, fc.string(), fc.nat(3), (clientSecret, token, noise, form) => {
        fc.pre(!clientSecret.includes(token) && !token.includes(clientSecret));
        const scrubber = createScrubber();
        scrubber.add(clientSecret);
        scrubber.add(token);
        const echo = `${noise}${formsOf(clientSecret)[form]}${noise} ${formsOf(token)[3 - form]}`;
        const body = {
          error: echo,
          error_details: echo,
          error_user: echo,
          supportId: echo,
          code: echo,
          validation: [{ location: ["body", echo], message: echo }],
        };
        const response = new Response(null, { status: 422, statusText: "Unprocessable" });
        const error = scrubber.error(errorFromResponse("POST", "/oauth/token", response, body));
        expect(error).toBeInstanceOf(PaymentCustomersError);
        const renderings = [JSON.stringify(error), inspect(error, { depth: 9 }), String(error)];
        for (const text of renderings) {
          for (const value of [...formsOf(clientSecret), ...formsOf(token)]) expect(text).not.toContain(value);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});

describe("debug log lines", () => {
  it(
    "hold no form of the secret or the token, and no personal data, whatever the server answers",
    async () => {
      await fc.assert(
        fc.asyncProperty(secret, secret, fc.emailAddress(), fc.nat(3), async (clientSecret, anyToken, email, form) => {
          // A token is visible ASCII.
          const token = encodeURIComponent(anyToken);
          fc.pre(!clientSecret.includes(token) && !token.includes(clientSecret));
          const echo = `${formsOf(clientSecret)[form]} ${formsOf(token)[3 - form]} ${email}`;
          let attempt = 0;
          const lines: string[] = [];
          const client = createPaymentCustomersClient({
            environment: "https://connect-testing.secuconnect.com",
            clientId: "client-id",
            clientSecret,
            logLevel: "debug",
            logger: { debug: (line) => lines.push(line) },
            fetch: async (request) => {
              if (new URL(request.url).pathname === "/oauth/token") {
                return Response.json({ access_token: token, expires_in: 1200 });
              }
              attempt++;
              if (attempt === 1)
                throw Object.assign(new TypeError(`fetch failed: ${echo}`), { cause: new Error(echo) });
              const headers = { "retry-after": "0", "x-echo": encodeURIComponent(echo) };
              return Response.json({ status: "error", error: echo, error_details: echo }, { status: 503, headers });
            },
          });
          await findCustomersByEmail(client, email).catch(() => {});
          // The token request, the failure without an answer, and two 503s.
          expect(lines.length).toBe(4);
          for (const line of lines) {
            for (const value of [...formsOf(clientSecret), ...formsOf(token), email, encodeURIComponent(email)]) {
              expect(line).not.toContain(value);
            }
          }
        }),
        // Each run waits out one backoff (250-500 ms) after the failure without an answer.
        { numRuns: runs(20) },
      );
    },
    timeLimit(60_000),
  );
});
