// The sandbox's customers: a plain in-memory store, one compartment per merchant, with no HTTP in it.
import { compareValues, valueReader } from "../q/value-at.js";

/** A stored customer as the API answers it; `id` is unique across all merchants. */
export type StoredCustomer = { id: string } & Record<string, unknown>;

/** Every merchant's customers, in creation order: what the state file holds. */
export type StoreContents = Record<string, StoredCustomer[]>;

export interface SortKey {
  path: string;
  descending: boolean;
}

export interface StoreQuery {
  where?: (customer: StoredCustomer) => boolean;
  sort?: SortKey[];
  offset?: number;
  count?: number;
}

export interface CustomerStore {
  create(merchant: string, customer: StoredCustomer): StoredCustomer;
  get(merchant: string, id: string): StoredCustomer | undefined;
  /** Replaces a customer; `undefined` when the merchant has no customer with this id. */
  replace(merchant: string, customer: StoredCustomer): StoredCustomer | undefined;
  /** Removes a customer and returns its last state. */
  delete(merchant: string, id: string): StoredCustomer | undefined;
  /** One page of the matches, and how many matched in all. */
  query(merchant: string, query?: StoreQuery): { total: number; items: StoredCustomer[] };
  /** True when any merchant has a customer with this id. */
  has(id: string): boolean;
  contents(): StoreContents;
  reset(): void;
  /** Grows with every change; a persistence layer compares it with what it last wrote. */
  readonly version: number;
}

/** Creates a store, optionally filled with earlier contents (e.g. a state file's). */
export function createStore(initial: StoreContents = {}): CustomerStore {
  const merchants = new Map<string, Map<string, StoredCustomer>>();
  const ids = new Set<string>();
  let version = 0;

  const compartment = (merchant: string) => {
    let customers = merchants.get(merchant);
    if (!customers) {
      customers = new Map();
      merchants.set(merchant, customers);
    }
    return customers;
  };

  const store: CustomerStore = {
    create(merchant, customer) {
      if (ids.has(customer.id)) throw new Error(`A customer with id ${customer.id} exists already`);
      compartment(merchant).set(customer.id, customer);
      ids.add(customer.id);
      version++;
      return customer;
    },
    get: (merchant, id) => merchants.get(merchant)?.get(id),
    replace(merchant, customer) {
      const customers = merchants.get(merchant);
      if (!customers?.has(customer.id)) return undefined;
      customers.set(customer.id, customer);
      version++;
      return customer;
    },
    delete(merchant, id) {
      const customers = merchants.get(merchant);
      const customer = customers?.get(id);
      if (!customer) return undefined;
      customers?.delete(id);
      ids.delete(id);
      version++;
      return customer;
    },
    query(merchant, { where, sort = [], offset = 0, count = Number.POSITIVE_INFINITY } = {}) {
      const matches: StoredCustomer[] = [];
      for (const customer of merchants.get(merchant)?.values() ?? [])
        if (!where || where(customer)) matches.push(customer);
      if (sort.length > 0) matches.sort(comparator(sort));
      return { total: matches.length, items: matches.slice(offset, offset + count) };
    },
    has: (id) => ids.has(id),
    contents: () =>
      Object.fromEntries([...merchants].map(([merchant, customers]) => [merchant, [...customers.values()]])),
    reset() {
      merchants.clear();
      ids.clear();
      version++;
    },
    get version() {
      return version;
    },
  };
  for (const [merchant, customers] of Object.entries(initial)) {
    for (const customer of customers) store.create(merchant, customer);
  }
  version = 0;
  return store;
}

// Missing values sort last in either direction; ties keep creation order (Array.prototype.sort is stable).
function comparator(keys: SortKey[]) {
  const readers = keys.map(({ path, descending }) => ({ read: valueReader(path), descending }));
  return (a: StoredCustomer, b: StoredCustomer) => {
    for (const { read, descending } of readers) {
      const [x, y] = [read(a), read(b)];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const order = compareValues(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
}
