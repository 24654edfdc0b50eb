// The customer operations of the sandbox, over the store: what the API does with a valid, authorised request.
import type { IHttpResponse } from "@stoplight/prism-http";
import { compileQuery } from "../q/evaluate.js";
import { parseQuery } from "../q/parse.js";
import { QueryError } from "../q/query-error.js";
import { formatError, json, notFound } from "./answers.js";
import { berlinTime, contactAsReturned } from "./api-values.js";
import { customerProperties, projectableProperties } from "./customer-properties.js";
import { derivedId, randomId } from "./ids.js";
import type { CustomerStore, SortKey, StoredCustomer } from "./store.js";

type Contact = Record<string, unknown>;
type Query = Record<string, string | string[] | undefined>;

/** The customer operations of one sandbox; `merchant` is the OAuth client id of the request's token. */
export function createCustomerOperations(store: CustomerStore, now: () => number) {
  const timestamp = () => berlinTime(now());

  return {
    create(merchant: string, contact: Contact): IHttpResponse {
      let id = randomId("PCU");
      while (store.has(id)) id = randomId("PCU");
      const customer: StoredCustomer = {
        object: "payment.customers",
        id,
        contract: { object: "payment.contracts", id: derivedId("PCR", merchant) },
        merchant: { object: "general.merchants", id: derivedId("MRC", merchant) },
        contact: asStored(contact),
        created: timestamp(),
      };
      return json(200, store.create(merchant, customer));
    },

    get(merchant: string, id: string): IHttpResponse {
      const customer = store.get(merchant, id);
      return customer ? json(200, customer) : notFound();
    },

    /** PUT replaces the contact (fields left out are gone), keeps `created` and sets `updated`. */
    replace(merchant: string, id: string, contact: Contact): IHttpResponse {
      const existing = store.get(merchant, id);
      if (!existing) return notFound();
      const { updated: _, ...rest } = existing;
      return json(200, store.replace(merchant, { ...rest, contact: asStored(contact), updated: timestamp() }));
    },

    /** The API answers a one-element array with the customer's last state. */
    delete(merchant: string, id: string): IHttpResponse {
      const customer = store.delete(merchant, id);
      return customer ? json(200, [customer]) : notFound();
    },

    list(merchant: string, query: Query): IHttpResponse {
      try {
        const q = last(query.q)?.trim();
        const where = q ? compileQuery(parseQuery(q), customerProperties) : undefined;
        const fields = listOf(last(query.fields), "fields", projectableProperties);
        const { total, items } = store.query(merchant, {
          where,
          sort: sortKeys(last(query.sort)),
          offset: Number(last(query.offset) ?? 0),
          count: Number(last(query.count) ?? 20),
        });
        return json(200, { count: total, data: fields ? items.map((item) => project(item, fields)) : items });
      } catch (error) {
        if (error instanceof QueryError || error instanceof ParameterError) return formatError(error.message);
        throw error;
      }
    },
  };
}

class ParameterError extends Error {}

const last = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);

function listOf(text: string | undefined, parameter: string, known: ReadonlySet<string>): string[] | undefined {
  if (!text) return undefined;
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) throw new ParameterError(`${parameter}: unknown property "${unknown}"`);
  return names;
}

// `created:desc,contact.surname` (also `dsc`, as older SDKs send it).
function sortKeys(text: string | undefined): SortKey[] {
  if (!text) return [];
  return text.split(",").map((key) => {
    const [path = "", direction = "asc"] = key.trim().split(":");
    if (!customerProperties.has(path)) throw new ParameterError(`sort: unknown property "${path}"`);
    if (!["asc", "desc", "dsc"].includes(direction)) {
      throw new ParameterError(`sort: "${direction}" is not a direction (asc or desc)`);
    }
    return { path, descending: direction !== "asc" };
  });
}

/**
 * `fields` keeps only the listed properties, and what the spec requires of every customer in an answer (`object`,
 * `id`, `contact`; the contact holds only the listed contact fields), so the answer still validates.
 */
function project(customer: StoredCustomer, fields: string[]): StoredCustomer {
  const projected: StoredCustomer = { object: customer.object, id: customer.id, contact: {} };
  for (const field of fields) {
    const keys = field.split(".");
    let source: unknown = customer;
    let target: Record<string, unknown> = projected;
    keys.forEach((key, index) => {
      source = source && typeof source === "object" ? (source as Record<string, unknown>)[key] : undefined;
      if (source === undefined) return;
      if (index === keys.length - 1) target[key] = source;
      else {
        target[key] ??= {};
        target = target[key] as Record<string, unknown>;
      }
    });
  }
  return projected;
}

/** The contact as sent, with the server-derived `name` and the values as the API returns them (api-values.ts). */
function asStored(contact: Contact): Contact {
  const { name: _readOnly, ...sent } = contact;
  const name = [sent.forename, sent.surname].filter((part) => typeof part === "string" && part !== "").join(" ");
  const stored: Contact = contactAsReturned(sent);
  if (name !== "" || typeof sent.companyname === "string") stored.name = name || sent.companyname;
  return stored;
}
