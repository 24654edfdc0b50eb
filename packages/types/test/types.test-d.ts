import { describe, expectTypeOf, it } from "vitest";
import type {
  Address,
  AddressInput,
  Contact,
  DeletedPaymentCustomers,
  OAuthDeviceCodeResponse,
  OAuthError,
  OAuthTokenResponse,
  operations,
  PaymentCustomer,
  PaymentCustomerId,
  PaymentCustomerInput,
  PaymentCustomersList,
  ProductExceptionPayload,
  ProjectedPaymentCustomer,
  ProjectedPaymentCustomersList,
} from "../src/index.js";

const address: AddressInput = {
  street: "Musterstraße",
  street_number: "25a",
  postal_code: "01234",
  city: "Dresden",
  country: "DE",
};
const input: PaymentCustomerInput = {
  contact: { forename: "Max", surname: "Mustermann", email: "max@example.com", address },
};

describe("PaymentCustomerInput (the DTO)", () => {
  it("requires the fields the API reference calls mandatory", () => {
    expectTypeOf<PaymentCustomerInput["contact"]["forename"]>().toEqualTypeOf<string>();
    // @ts-expect-error forename is required
    const noForename: PaymentCustomerInput = { contact: { surname: "M", email: "m@example.com", address } };
    // @ts-expect-error email is required
    const noEmail: PaymentCustomerInput = { contact: { forename: "M", surname: "M", address } };
    // @ts-expect-error the address is required
    const noAddress: PaymentCustomerInput = { contact: { forename: "M", surname: "M", email: "m@example.com" } };
    // @ts-expect-error the address needs a postal code
    const noPostalCode: AddressInput = { street: "S", street_number: "1", city: "C", country: "DE" };
    expectTypeOf(input).toEqualTypeOf<PaymentCustomerInput>();
    void [noForename, noEmail, noAddress, noPostalCode];
  });

  it("accepts no server-set field, but the contact's name as GET returned it (the API ignores it)", () => {
    // @ts-expect-error id is set by the server
    const withId: PaymentCustomerInput = { ...input, id: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ" };
    // @ts-expect-error created is set by the server
    const withCreated: PaymentCustomerInput = { ...input, created: "2019-11-15T09:55:10+01:00" };
    // @ts-expect-error an unknown field (a typo) is rejected, as the mock rejects it
    const withTypo: PaymentCustomerInput = { contact: { ...input.contact, postcode: "01234" } };
    const withName: PaymentCustomerInput = { contact: { ...input.contact, name: "Max Mustermann" } };
    expectTypeOf<PaymentCustomerInput["contact"]["name"]>().toEqualTypeOf<string | undefined>();
    void [withId, withCreated, withTypo, withName];
  });
});

describe("PaymentCustomer (the product model)", () => {
  it("always has object, id and contact, with the read-only markers resolved", () => {
    expectTypeOf<PaymentCustomer["object"]>().toEqualTypeOf<"payment.customers">();
    expectTypeOf<PaymentCustomer["id"]>().toEqualTypeOf<PaymentCustomerId>();
    expectTypeOf<PaymentCustomer["contact"]>().toEqualTypeOf<Contact>();
    expectTypeOf<PaymentCustomer["created"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Contact["name"]>().toEqualTypeOf<string | undefined>();
  });

  it("promises no contact or address field: the API does not guarantee them in answers", () => {
    expectTypeOf<Contact["email"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Contact["address"]>().toEqualTypeOf<Address | undefined>();
    expectTypeOf<Address["city"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Address["street_number"]>().toEqualTypeOf<string | undefined>();
    const smartTransactionCustomer: PaymentCustomer = {
      object: "payment.customers",
      id: "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ",
      contact: { forename: "Max", surname: "Mustermann", email: "max@example.com" },
    };
    // @ts-expect-error the address may be missing: read it with a check
    const city: string = smartTransactionCustomer.contact.address.city;
    void city;
  });

  it("keeps required response fields required", () => {
    // @ts-expect-error id is required in a response
    const noId: PaymentCustomer = { object: "payment.customers", contact: input.contact };
    void noId;
  });
});

describe("operations", () => {
  it("DELETE answers an array of customers", () => {
    expectTypeOf<DeletedPaymentCustomers>().toEqualTypeOf<PaymentCustomer[]>();
    expectTypeOf<DeletedPaymentCustomers>().toBeArray();
  });

  it("list answers the total count and a page", () => {
    expectTypeOf<PaymentCustomersList["count"]>().toEqualTypeOf<number>();
    expectTypeOf<PaymentCustomersList["data"]>().toEqualTypeOf<PaymentCustomer[]>();
  });

  it("declares the errors of every customer operation as ProductExceptionPayload", () => {
    type Responses = operations["paymentCustomersGetById"]["responses"];
    expectTypeOf<Responses[404]["content"]["application/json"]>().toEqualTypeOf<ProductExceptionPayload>();
    expectTypeOf<Responses[403]["content"]["application/json"]>().toEqualTypeOf<ProductExceptionPayload>();
    expectTypeOf<ProductExceptionPayload["code"]>().toEqualTypeOf<number | string | undefined>();
  });

  it("types the token endpoint with its own OAuth shapes", () => {
    type Token = operations["oauthToken"]["responses"];
    expectTypeOf<Token[400]["content"]["application/json"]>().toEqualTypeOf<OAuthError>();
    expectTypeOf<OAuthTokenResponse["expires_in"]>().toEqualTypeOf<number>();
    expectTypeOf<OAuthTokenResponse["scope"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Token[200]["content"]["application/json"]>().toEqualTypeOf<
      OAuthTokenResponse | OAuthDeviceCodeResponse
    >();
    expectTypeOf<OAuthDeviceCodeResponse["device_code"]>().toEqualTypeOf<string>();
  });
});

describe("ProjectedPaymentCustomer (an answer with `fields`)", () => {
  it("makes every field optional at every depth, and nothing else", () => {
    expectTypeOf<ProjectedPaymentCustomer["id"]>().toEqualTypeOf<PaymentCustomerId | undefined>();
    expectTypeOf<NonNullable<ProjectedPaymentCustomer["contact"]>["forename"]>().toEqualTypeOf<string | undefined>();
    const onlyEmail: ProjectedPaymentCustomer = { contact: { email: "max@example.com" } };
    // @ts-expect-error known fields keep their types
    const wrongType: ProjectedPaymentCustomer = { contact: { email: 42 } };
    expectTypeOf<ProjectedPaymentCustomersList["count"]>().toEqualTypeOf<number>();
    expectTypeOf<ProjectedPaymentCustomersList["data"]>().toEqualTypeOf<ProjectedPaymentCustomer[]>();
    expectTypeOf<PaymentCustomer>().toExtend<ProjectedPaymentCustomer>();
    void [onlyEmail, wrongType];
  });
});
