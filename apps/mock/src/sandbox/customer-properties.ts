// The properties of a payment customer that `q`, `sort` and `fields` may name (the API's field names, per its
// reference), so an unknown one answers 400 instead of silently matching nothing.
const contact = [
  "salutation",
  "title",
  "forename",
  "surname",
  "name",
  "companyname",
  "gender",
  "email",
  "phone",
  "mobile",
  "fax",
  "dob",
  "birthplace",
  "nationality",
  "picture",
  "url_website",
];
const address = ["type", "street", "street_number", "additional_address_data", "postal_code", "city", "country"];

/** Every leaf property path of a customer: `id`, `created`, `contact.email`, `contact.address.city`, ... */
export const customerProperties: ReadonlySet<string> = new Set([
  "object",
  "id",
  "created",
  "updated",
  "merchant.object",
  "merchant.id",
  "contract.object",
  "contract.id",
  ...contact.map((name) => `contact.${name}`),
  ...address.map((name) => `contact.address.${name}`),
]);

/** Paths `fields` may name: the leaves and the objects that hold them (`contact`, `contact.address`, `merchant`). */
export const projectableProperties: ReadonlySet<string> = new Set([
  ...customerProperties,
  "contact",
  "contact.address",
  "merchant",
  "contract",
]);
