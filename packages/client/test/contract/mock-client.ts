// What the contract suites share: a client of the mock (started once in global-setup.ts) that records its requests.
import { inject } from "vitest";
import { createPaymentCustomersClient, type PaymentCustomerInput } from "../../src/index.js";
import { recordingFetch } from "../recording-fetch.js";

/** The id of the spec's Person example, which the mock answers with. */
export const id = "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";

/** The spec's client-credentials example: the mock accepts any. */
export const credentials = {
  clientId: "611c00ec6b2be6c77c2338774f50040b",
  clientSecret: "dc1f422dde755f0b1c4ac04e7efbd6c4c78870691fe783266d7d6c89439925eb",
};

export const input = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    dob: "1901-02-03",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
} satisfies PaymentCustomerInput;

export function mockClient() {
  const recorder = recordingFetch();
  const paymentCustomers = createPaymentCustomersClient({
    environment: inject("mockUrl"),
    ...credentials,
    fetch: recorder.fetch,
  });
  return { ...paymentCustomers, requests: recorder.requests };
}
