// Scrubbing as a property: whatever the secret and the token, no form of either survives in any field.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../../vitest.fast-check.mjs";
import { errorFromResponse, PaymentCustomersError } from "../../src/errors.js";
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
