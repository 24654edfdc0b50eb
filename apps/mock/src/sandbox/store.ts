// The sandbox's customers: a plain in-memory store, one compartment per merchant, with no HTTP in it. Built to
// serve searches and sorted pages over 100,000 customers: values are prepared once per stored customer (index keys,
// sort keys), an index answers exact and prefix clauses, and a page of a sort selects only `offset + count` items.
import type { QueryNode } from "../q/ast.js";
import { valueReader } from "../q/value-at.js";
import { candidatesOf, indexKey } from "./query-index.js";
import { compareKeys, type SortKey as PreparedKey, sortKey } from "./sort-key.js";

/** A stored customer as the API answers it; `id` is unique across all merchants. */
export type StoredCustomer = { id: string } & Record<string, unknown>;

/** Every merchant's customers, in creation order: what the state file holds. */
export type StoreContents = Record<string, StoredCustomer[]>;

export interface SortKey {
  path: string;
  descending: boolean;
}

export interface StoreQuery {
  /** A parsed `q`: the store narrows it with its index and checks what is left with `compile`'s predicate. */
  search?: QueryNode;
  /** Compiles (what the index left of) `search` into a predicate over a customer. */
  compile?: (node: QueryNode) => (customer: StoredCustomer) => boolean;
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
  /**
   * One page of the matches, and how many matched in all. Without `sort` in creation order; with `sort`, ties
   * (and equal values) keep the creation order in the direction of the last sort key.
   */
  query(merchant: string, query?: StoreQuery): { total: number; items: StoredCustomer[] };
  /** True when any merchant has a customer with this id. */
  has(id: string): boolean;
  contents(): StoreContents;
  reset(): void;
  /** Grows with every change; a persistence layer compares it with what it last wrote. */
  readonly version: number;
}

/** A stored customer with what the store prepared for it; a replace makes a new entry with the old `sequence`. */
interface Entry {
  customer: StoredCustomer;
  /** The creation order, finer than `created` (which has whole seconds). */
  sequence: number;
  /** Sort keys by path, prepared on first use (`null`: no scalar value there); no map until a sort needs one. */
  keys: Map<string, PreparedKey | null> | undefined;
  /** Marks the entry as seen by one step of one search (cheaper than a `Set` of entries). */
  stamp: number;
}

/**
 * Index key → the entries with that key at one path, in the order they were put (one entry alone, as most keys
 * name one customer).
 */
type PathIndex = Map<string, Entry | Entry[]>;

/** How many sorts a merchant's compartment keeps the order of (each costs a pointer per customer). */
const sortedOrders = 4;

class Compartment {
  /** Insertion order is creation order: `Map.set` of an existing id keeps its place. */
  readonly entries = new Map<string, Entry>();
  /** Built per path on the first search that uses it, then kept up to date by every change. */
  readonly indexes = new Map<string, { read: (record: unknown) => string | undefined; index: PathIndex }>();

  /**
   * Every entry in the order of a sort, for the sorts asked for last (at most `sortedOrders`), built on the first
   * list with that sort and then kept up to date by every change (a binary search and an insert, not a re-sort).
   */
  readonly sorted = new Map<string, { before: Order; entries: Entry[] }>();

  put(entry: Entry) {
    const previous = this.entries.get(entry.customer.id);
    if (previous) this.unlist(previous);
    this.entries.set(entry.customer.id, entry);
    for (const { read, index } of this.indexes.values()) addToIndex(index, read(entry.customer), entry);
    for (const { before, entries } of this.sorted.values())
      entries.splice(firstAfter(entries, entry, before), 0, entry);
  }

  remove(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.unlist(entry);
    return entry;
  }

  private unlist(entry: Entry) {
    for (const { read, index } of this.indexes.values()) unindex(index, read(entry.customer), entry);
    for (const { before, entries } of this.sorted.values()) {
      const at = firstAfter(entries, entry, before) - 1;
      // The comparator finds it unless values of mixed kinds (numbers, dates, text) make the order inconsistent.
      entries.splice(entries[at] === entry ? at : entries.indexOf(entry), 1);
    }
  }

  /** Every entry in the order of `keys`. */
  sortedBy(keys: SortKey[]): Entry[] {
    const name = JSON.stringify(keys);
    let order = this.sorted.get(name);
    if (order)
      this.sorted.delete(name); // set again below: the most recently used is last
    else {
      const before = comparator(keys);
      order = { before, entries: [...this.entries.values()].sort(before) };
    }
    this.sorted.set(name, order);
    if (this.sorted.size > sortedOrders) this.sorted.delete(this.sorted.keys().next().value as string);
    return order.entries;
  }

  /** The entries whose value at `path` has this key (or, with `prefix`, a key starting with it): the index's lists. */
  lookup(path: string, key: string, prefix: boolean): Entries {
    let built = this.indexes.get(path);
    if (!built) {
      built = { read: valueReader(path), index: new Map() };
      for (const entry of this.entries.values()) addToIndex(built.index, built.read(entry.customer), entry);
      this.indexes.set(path, built);
    }
    if (!prefix) {
      const hit = built.index.get(key);
      return hit === undefined ? [] : [Array.isArray(hit) ? hit : [hit]];
    }
    const found: Entry[][] = [];
    let single: Entry[] | undefined;
    for (const [candidate, hit] of built.index) {
      if (!candidate.startsWith(key)) continue;
      if (Array.isArray(hit)) found.push(hit);
      else if (single) single.push(hit);
      else {
        single = [hit];
        found.push(single);
      }
    }
    return found;
  }
}

/**
 * A set of entries as lists (an index's buckets, shared, never changed here), each entry in one list only. Each list
 * is in the order its entries were put, which is creation order unless a replace moved one.
 */
type Entries = readonly (readonly Entry[])[];

let stamps = 0;

/** A search's set operations over the index's lists, by stamping entries instead of building `Set`s. */
const entrySets = {
  size: (set: Entries) => set.reduce((sum, list) => sum + list.length, 0),
  both(smaller: Entries, larger: Entries): Entries {
    const stamp = ++stamps;
    for (const list of larger) for (const entry of list) entry.stamp = stamp;
    const kept: Entry[] = [];
    for (const list of smaller) for (const entry of list) if (entry.stamp === stamp) kept.push(entry);
    return [kept];
  },
  without(set: Entries, excluded: Entries): Entries {
    const stamp = ++stamps;
    for (const list of excluded) for (const entry of list) entry.stamp = stamp;
    const kept: Entry[] = [];
    for (const list of set) for (const entry of list) if (entry.stamp !== stamp) kept.push(entry);
    return [kept];
  },
  either(left: Entries, right: Entries): Entries {
    const stamp = ++stamps;
    const all: Entry[] = [];
    for (const list of [...left, ...right]) {
      for (const entry of list) {
        if (entry.stamp === stamp) continue;
        entry.stamp = stamp;
        all.push(entry);
      }
    }
    return [all];
  },
};

function addToIndex(index: PathIndex, value: string | undefined, entry: Entry) {
  if (value === undefined) return;
  const key = indexKey(value);
  const hit = index.get(key);
  if (hit === undefined) index.set(key, entry);
  else if (Array.isArray(hit)) hit.push(entry);
  else index.set(key, [hit, entry]);
}

function unindex(index: PathIndex, value: string | undefined, entry: Entry) {
  if (value === undefined) return;
  const key = indexKey(value);
  const hit = index.get(key);
  if (hit === entry) index.delete(key);
  else if (Array.isArray(hit)) {
    hit.splice(hit.indexOf(entry), 1);
    if (hit.length === 1) index.set(key, hit[0] as Entry);
  }
}

/** Creates a store, optionally filled with earlier contents (e.g. a state file's). */
export function createStore(initial: StoreContents = {}): CustomerStore {
  const merchants = new Map<string, Compartment>();
  const ids = new Set<string>();
  let version = 0;
  let sequence = 0;

  const compartment = (merchant: string) => {
    let customers = merchants.get(merchant);
    if (!customers) {
      customers = new Compartment();
      merchants.set(merchant, customers);
    }
    return customers;
  };

  const store: CustomerStore = {
    create(merchant, customer) {
      if (ids.has(customer.id)) throw new Error(`A customer with id ${customer.id} exists already`);
      compartment(merchant).put({ customer, sequence: sequence++, keys: undefined, stamp: 0 });
      ids.add(customer.id);
      version++;
      return customer;
    },
    get: (merchant, id) => merchants.get(merchant)?.entries.get(id)?.customer,
    replace(merchant, customer) {
      const customers = merchants.get(merchant);
      const existing = customers?.entries.get(customer.id);
      if (!customers || !existing) return undefined;
      customers.put({ customer, sequence: existing.sequence, keys: undefined, stamp: 0 });
      version++;
      return customer;
    },
    delete(merchant, id) {
      const entry = merchants.get(merchant)?.remove(id);
      if (!entry) return undefined;
      ids.delete(id);
      version++;
      return entry.customer;
    },
    query(merchant, { search, compile, sort = [], offset = 0, count = Number.POSITIVE_INFINITY } = {}) {
      const customers = merchants.get(merchant);
      if (!customers) return { total: 0, items: [] };
      const narrowed = search && candidatesOf(search, { lookup: (...args) => customers.lookup(...args), ...entrySets });
      const where = narrowed?.rest && compile?.(narrowed.rest);
      const source = narrowed?.candidates
        ? inCreationOrder(narrowed.candidates, customers.entries)
        : customers.entries.values();
      if (sort.length === 0) return page(source, where, offset, count);
      // A search narrows the customers first and sorts only its matches; a list takes a kept order.
      if (search) return sortedPage(source, where, sort, offset, count);
      const entries = customers.sortedBy(sort);
      return { total: entries.length, items: entries.slice(offset, offset + count).map((entry) => entry.customer) };
    },
    has: (id) => ids.has(id),
    contents: () =>
      Object.fromEntries(
        [...merchants].map(([merchant, customers]) => [
          merchant,
          [...customers.entries.values()].map((e) => e.customer),
        ]),
      ),
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

type Where = ((customer: StoredCustomer) => boolean) | undefined;

/**
 * The candidates in creation order. One list is in it already unless a replace moved an entry; several (a prefix's
 * buckets) are sorted, or, when they are many, picked out of all entries by a stamp (a pass, not a sort).
 */
function inCreationOrder(set: Entries, all: Map<string, Entry>): Iterable<Entry> {
  const [only] = set;
  if (set.length === 1 && only && isInCreationOrder(only)) return only;
  const size = entrySets.size(set);
  if (size * 16 < all.size) return set.flat().sort((a, b) => a.sequence - b.sequence);
  const stamp = ++stamps;
  for (const list of set) for (const entry of list) entry.stamp = stamp;
  return (function* () {
    for (const entry of all.values()) if (entry.stamp === stamp) yield entry;
  })();
}

function isInCreationOrder(entries: readonly Entry[]): boolean {
  for (let i = 1; i < entries.length; i++)
    if ((entries[i] as Entry).sequence < (entries[i - 1] as Entry).sequence) return false;
  return true;
}

/** A page in creation order: only the matches inside the page are kept, the others only counted. */
function page(source: Iterable<Entry>, where: Where, offset: number, count: number) {
  const items: StoredCustomer[] = [];
  let total = 0;
  for (const { customer } of source) {
    if (where && !where(customer)) continue;
    if (total >= offset && total - offset < count) items.push(customer);
    total++;
  }
  return { total, items };
}

/**
 * A page of a sorted search: keeps the best `offset + count` matches in a bounded max-heap (the worst kept on top), so a
 * page near the start of 100,000 matches costs a pass, not a sort of all of them.
 */
function sortedPage(source: Iterable<Entry>, where: Where, sort: SortKey[], offset: number, count: number) {
  const before = comparator(sort);
  const wanted = offset + count;
  const heap: Entry[] = [];
  let total = 0;
  for (const entry of source) {
    if (where && !where(entry.customer)) continue;
    total++;
    if (heap.length < wanted) heapPush(heap, entry, before);
    else if (wanted > 0 && before(entry, heap[0] as Entry) < 0) heapReplaceTop(heap, entry, before);
  }
  heap.sort(before);
  return { total, items: heap.slice(offset).map((entry) => entry.customer) };
}

// Missing values sort last in either direction; what is equal on every key keeps the creation order, in the
// direction of the last key (`created:desc` lists the newest first even within one second).
function comparator(keys: SortKey[]) {
  const readers = keys.map(({ path, descending }) => ({ path, read: valueReader(path), descending }));
  const keyOf = (entry: Entry, path: string, read: (record: unknown) => string | undefined) => {
    entry.keys ??= new Map();
    let key = entry.keys.get(path);
    if (key === undefined) {
      const value = read(entry.customer);
      key = value === undefined ? null : sortKey(value);
      entry.keys.set(path, key);
    }
    return key;
  };
  const lastDescending = keys[keys.length - 1]?.descending ?? false;
  return (a: Entry, b: Entry) => {
    for (const { path, read, descending } of readers) {
      const [x, y] = [keyOf(a, path, read), keyOf(b, path, read)];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = compareKeys(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return lastDescending ? b.sequence - a.sequence : a.sequence - b.sequence;
  };
}

type Order = (a: Entry, b: Entry) => number;

/** The first position in `entries` (sorted by `before`) whose entry sorts after `entry`. */
function firstAfter(entries: Entry[], entry: Entry, before: Order): number {
  let [low, high] = [0, entries.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(entries[middle] as Entry, entry) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

// A max-heap by `before`: the entry that sorts last is at index 0.
function heapPush(heap: Entry[], entry: Entry, before: Order) {
  heap.push(entry);
  let at = heap.length - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (before(heap[parent] as Entry, entry) >= 0) break;
    heap[at] = heap[parent] as Entry;
    at = parent;
  }
  heap[at] = entry;
}

function heapReplaceTop(heap: Entry[], entry: Entry, before: Order) {
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const larger = right < heap.length && before(heap[right] as Entry, heap[left] as Entry) > 0 ? right : left;
    if (before(heap[larger] as Entry, entry) <= 0) break;
    heap[at] = heap[larger] as Entry;
    at = larger;
  }
  heap[at] = entry;
}
