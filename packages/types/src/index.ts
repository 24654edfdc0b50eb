/**
 * Types of the secuconnect Payment Customers API, generated from its OpenAPI document
 * (`src/generated/openapi.ts`), with friendly names for the shapes integrators use.
 *
 * Responses carry read-only (server-set) fields; request bodies must not. The generated types mark
 * them (`$Read`), and `Readable` / `Writable` resolve the markers for each direction.
 *
 * @example
 * ```ts
 * import type { PaymentCustomer, PaymentCustomerInput } from "@payment-customers/types";
 * const input: PaymentCustomerInput = { contact: { forename: "Max", surname: "Mustermann", email: "max@example.com",
 *   address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" } } };
 * ```
 */
import type { $Read, $Write, components, operations, paths, Readable, Writable } from "./generated/openapi.js";

export type { $Read, $Write, components, operations, paths, Readable, Writable } from "./generated/openapi.js";

type Schemas = components["schemas"];
// An interface extends only a named type: names for the generated schemas that are extended as they are.
type AddressSchema = Schemas["Address"];
type AddressInputSchema = Schemas["AddressInput"];
type ProductExceptionPayloadSchema = Schemas["ProductExceptionPayload"];

// The shapes integrators use are interfaces, not aliases of the generated mapped types, so editors and compile errors
// name them (`ContactInput`) instead of spelling out `{ salutation?: string; ... } & {}`. Each one extends the
// generated type, so it cannot drift from the spec; nested shapes are re-declared to carry their names too.

/** A postal address as the API returns it (schema `Address`): every field optional. */
export interface Address extends AddressSchema {}
/** A postal address as sent on create and update (schema `AddressInput`): street to country required. */
export interface AddressInput extends AddressInputSchema {}
/**
 * A customer's contact data as the API returns it (schema `Contact`): every field optional, values as sent
 * (no formats), `""` for fields a PUT left out.
 */
export interface Contact extends Omit<Readable<Schemas["Contact"]>, "address"> {
  address?: Address;
}
/**
 * A customer's contact data as sent on create and update (schema `ContactInput`): forename, surname, e-mail, address.
 * The sandbox and the API accept contacts without some of these (see the client's README); the types ask for all.
 */
export interface ContactInput extends Omit<Writable<Schemas["ContactInput"]>, "address"> {
  address: AddressInput;
}
/**
 * A payment customer as the API returns it (schema `PaymentCustomersProductModel`). Only `object`, `id` and
 * `contact` are always present; every contact and address field is optional (see {@link Contact}).
 */
export interface PaymentCustomer extends Omit<Readable<Schemas["PaymentCustomersProductModel"]>, "contact"> {
  contact: Contact;
}
/**
 * The body of create and update (schema `PaymentCustomersDTO`): the mandatory fields are required. Update replaces
 * the whole contact: a field left out is blanked.
 */
export interface PaymentCustomerInput extends Omit<Writable<Schemas["PaymentCustomersDTO"]>, "contact"> {
  contact: ContactInput;
}
/** One page of a list or search; `count` is the total number of matches (schema `PaymentCustomersList`). */
export interface PaymentCustomersList extends Omit<Readable<Schemas["PaymentCustomersList"]>, "data"> {
  /** The page. */
  data: PaymentCustomer[];
}
/** The body of every non-2xx answer of the `/api/v2` operations (schema `ProductExceptionPayload`). */
export interface ProductExceptionPayload extends ProductExceptionPayloadSchema {}
/** A reference to another object of the API, `{ object, id }` (schema `ProductInstanceUID`). */
export type ProductInstanceUID = Schemas["ProductInstanceUID"];
/** A payment customer's id, `PCU_` and 30 upper-case letters or digits (schema `PaymentCustomerId`). */
export type PaymentCustomerId = Schemas["PaymentCustomerId"];
/** `T` with every property optional, at every depth (arrays included). */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [Key in keyof T]?: DeepPartial<T[Key]> }
    : T;
/**
 * A customer of an answer to a list or search with `fields`: the API keeps only the listed fields
 * ("all others will be filtered out"), so any field may be missing, `object` and `id` included.
 */
export type ProjectedPaymentCustomer = DeepPartial<PaymentCustomer>;
/** A page of a list or search with `fields`: `count` as usual, the items projected. */
export interface ProjectedPaymentCustomersList extends Omit<PaymentCustomersList, "data"> {
  /** The page, each customer reduced to the fields asked for. */
  data: ProjectedPaymentCustomer[];
}
/** The query parameters of list and search (`count`, `offset`, `q`, `sort`, ...). */
export type PaymentCustomersListParams = NonNullable<operations["paymentCustomersGet"]["parameters"]["query"]>;
/** The answer of delete: an array whose element 0 is the deleted customer's last state. */
export type DeletedPaymentCustomers = PaymentCustomer[];

/** A token request at `/oauth/token`; `grant_type` selects the grant (schema `OAuthTokenRequest`). */
export type OAuthTokenRequest = Schemas["OAuthTokenRequest"];
/** The client credentials grant, for server-to-server integrations (schema `OAuthClientCredentialsRequest`). */
export type OAuthClientCredentialsRequest = Schemas["OAuthClientCredentialsRequest"];
/** An access token (schema `OAuthTokenResponse`); `scope` is `null` for the device and refresh-token grants. */
export type OAuthTokenResponse = Schemas["OAuthTokenResponse"];
/** The device grant's first answer: codes for the user, no token yet (schema `OAuthDeviceCodeResponse`). */
export type OAuthDeviceCodeResponse = Schemas["OAuthDeviceCodeResponse"];
/** The OAuth 2.0 error shape of the token endpoint (schema `OAuthError`). */
export type OAuthError = Schemas["OAuthError"];

/**
 * `T` with the read-only and write-only markers (`$Read`, `$Write`) replaced by the types they wrap, at every depth.
 * For tools that read `paths` themselves and do not know the markers: {@link PlainPaths}.
 */
export type WithoutMarkers<T> =
  T extends $Read<infer U>
    ? WithoutMarkers<U>
    : T extends $Write<infer U>
      ? WithoutMarkers<U>
      : T extends readonly (infer Item)[]
        ? WithoutMarkers<Item>[]
        : T extends object
          ? { [Key in keyof T]: WithoutMarkers<T[Key]> }
          : T;
/**
 * The API's `paths` without the read/write markers: what openapi-msw (`createOpenApiHttp<PlainPaths>()`) and
 * similar tools need. With `paths` itself, openapi-msw asks handlers to answer `id: $Read<string>`, which no value
 * is (`Type 'string' is not assignable to type '$Read<string>'`): it reads the generated types as they are, and
 * only openapi-fetch resolves the markers. Unlike `paths` for openapi-fetch, `PlainPaths` lets a request body
 * carry a read-only field: the sandbox and the API refuse or ignore it.
 */
export type PlainPaths = WithoutMarkers<paths>;
