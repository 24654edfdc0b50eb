// The customer operations of the sandbox, over the store: what the API does with a valid, authorised request.
import type { IHttpResponse } from "@stoplight/prism-http";
import type { QueryNode } from "../q/ast.js";
import { compileQuery } from "../q/evaluate.js";
import { parseQuery } from "../q/parse.js";
import { QueryError } from "../q/query-error.js";
import { formatError, json, notFound } from "./answers.js";
import { berlinTime, contactAsReturned } from "./api-values.js";
import type { CustomerModel } from "./customer-properties.js";
import { derivedId, randomId } from "./ids.js";
import { notAllowed } from "./not-allowed.js";
import { createScrolls, keepAliveOf, type ScrollContext } from "./scrolls.js";
import type { CustomerStore, SortKey, StoredCustomer } from "./store.js";

type Contact = Record<string, unknown>;
type Query = Record<string, string | string[] | undefined>;

/** The customer operations of one sandbox; `merchant` is the OAuth client id of the request's token. */
export function createCustomerOperations(store: CustomerStore, now: () => number, model: CustomerModel) {
  const scrolls = createScrolls(now);
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

    /**
     * The API answers a one-element array with the customer's last state; an id that is not one of the merchant's
     * (another merchant's, or none at all: the answer does not tell them apart) is `ProductNotAllowedException`.
     */
    delete(merchant: string, id: string): IHttpResponse {
      const customer = store.delete(merchant, id);
      return customer ? json(200, [customer]) : notAllowed("incorrect customer id");
    },

    list(merchant: string, query: Query): IHttpResponse {
      try {
        const scrollId = last(query.scroll_id);
        const expire = last(query.scroll_expire);
        const keepAlive = expire === undefined ? undefined : keepAliveOf(expire);
        if (typeof keepAlive === "string") throw new ParameterError(keepAlive);
        if (scrollId !== undefined) return nextBatch(merchant, scrollId, keepAlive);

        const q = last(query.q)?.trim();
        const search = q ? parseQuery(q) : undefined;
        // Compiled whole first: an unknown property is refused even where the index alone would answer.
        if (search) compileQuery(search, model.properties);
        const compile = (node: QueryNode) => compileQuery(node, model.properties);
        const fields = listOf(last(query.fields), "fields", model.projectable);
        const sort = sortKeys(query, model.properties);
        const offset = Number(last(query.offset) ?? 0);
        // Above the spec's page bound (`data.maxItems`) the page is cut to it; `count` still says how many matched.
        const count = Math.min(Number(last(query.count) ?? 20), model.maxPageSize);
        if (keepAlive === undefined) {
          const { total, items } = store.query(merchant, { search, compile, sort, offset, count });
          return json(200, { count: total, data: projected(items, fields) });
        }
        const { total, items } = store.query(merchant, { search, compile, sort, offset });
        const ids = items.map((item) => item.id);
        const scroll_id = scrolls.open({ merchant, ids, position: 0, size: count, fields }, keepAlive);
        return batch(merchant, scrolls.find(scroll_id, merchant) as ScrollContext, scroll_id, total);
      } catch (error) {
        if (error instanceof QueryError || error instanceof ParameterError) return formatError(error.message);
        throw error;
      }
    },
  };

  function nextBatch(merchant: string, scrollId: string, keepAlive: number | undefined): IHttpResponse {
    const context = scrolls.find(scrollId, merchant, keepAlive);
    if (!context) return formatError("scroll_id: no such scroll context (unknown, or expired)");
    return batch(merchant, context, scrollId);
  }

  /** The context's next batch; customers deleted since it opened are left out, replaced ones answer as they are now. */
  function batch(merchant: string, context: ScrollContext, scrollId: string, total = context.ids.length) {
    const ids = context.ids.slice(context.position, context.position + context.size);
    context.position += ids.length;
    const items = ids.map((id) => store.get(merchant, id)).filter((item) => item !== undefined);
    return json(200, { count: total, data: projected(items, context.fields), scroll_id: scrollId });
  }
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

const directions: Record<string, boolean> = { asc: false, desc: true, dsc: true };

/**
 * `sort=created:desc,contact.surname` (also `dsc`, as the JS SDK's documentation writes it) and, in the older
 * official Java, PHP and .NET SDKs' only form, `sort[contact.forename]=asc`; both forms may come together (`sort`
 * first, then the bracketed keys in request order).
 */
function sortKeys(query: Query, properties: ReadonlySet<string>): SortKey[] {
  const pairs: [string, string][] = [];
  for (const key of last(query.sort)?.split(",") ?? []) {
    const [path = "", direction = "asc"] = key.trim().split(":");
    pairs.push([path, direction]);
  }
  for (const [name, value] of Object.entries(query)) {
    const path = /^sort\[(.*)\]$/.exec(name)?.[1];
    if (path !== undefined) pairs.push([path, last(value) ?? ""]);
  }
  return pairs.map(([path, direction]) => {
    if (!properties.has(path)) throw new ParameterError(`sort: unknown property "${path}"`);
    const descending = directions[direction.trim().toLowerCase()];
    if (descending === undefined) throw new ParameterError(`sort: "${direction}" is not a direction (asc or desc)`);
    return { path, descending };
  });
}

const projected = (items: StoredCustomer[], fields: readonly string[] | undefined) =>
  fields ? items.map((item) => project(item, fields)) : items;

/**
 * `fields` keeps only the listed properties, as the API does ("all others will be filtered out"): `fields=created`
 * has no `object`, `id` or `contact`, `fields=merchant.id` a `merchant` with only its `id`. The list's answer
 * schema allows such items (`ProjectedPaymentCustomer`: nothing required, at any depth).
 */
function project(customer: StoredCustomer, fields: readonly string[]): Record<string, unknown> {
  const projected: Record<string, unknown> = {};
  for (const field of fields) {
    const keys = field.split(".");
    let source: unknown = customer;
    for (const key of keys)
      source = source && typeof source === "object" ? (source as Record<string, unknown>)[key] : undefined;
    if (source === undefined) continue;
    let target = projected;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) target[key] = source;
      else {
        if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
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
