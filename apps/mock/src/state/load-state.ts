// Reads a state file: version 2 (snapshot and journal, see state-records.ts) or version 1 (one JSON document, as
// earlier releases wrote it; migrated on start). Refuses a corrupt or foreign file, naming it and the first problem.
import { readFile } from "node:fs/promises";
import type { StoredCustomer } from "../sandbox/store.js";
import { customerCheck } from "./customer-schema.js";
import { parseRecordLine, type StateRecord, stateFormat, stateVersion } from "./state-records.js";

/** Every merchant's customers in creation order, by id. */
export type Customers = Map<string, Map<string, StoredCustomer>>;

export interface LoadedState {
  customers: Customers;
  /** 1 when the file is in the old format (or missing: 0), and must be rewritten. */
  version: 0 | 1 | 2;
  snapshotRecords: number;
  journalRecords: number;
  /** Bytes up to the end of the last whole record; a torn record after it is dropped. */
  goodBytes: number;
  /** Why the last record was dropped, when it was. */
  torn?: string;
}

export class StateFileRefused extends Error {}

/** Loads `file`; `shown` is the path as the user gave it, for messages. A missing file is an empty sandbox. */
export async function loadState(file: string, shown: string, spec: string): Promise<LoadedState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { customers: new Map(), version: 0, snapshotRecords: 0, journalRecords: 0, goodBytes: 0 };
    }
    throw new StateFileRefused(`--state ${shown}: cannot read it (${(error as Error).message})`);
  }
  const refuse = (why: string) =>
    new StateFileRefused(
      `--state ${shown}: ${why}. It is not a state file of payment-customers-mock, so it is left as it is: ` +
        "move it away or choose another file.",
    );
  // A running mock keeps zeros after the records (state/journal.ts); a killed one leaves them.
  let length = bytes.length;
  while (length > 0 && bytes[length - 1] === 0) length--;
  bytes = bytes.subarray(0, length);
  const firstEnd = bytes.indexOf(10);
  const firstLine = bytes.toString("utf8", 0, firstEnd === -1 ? bytes.length : firstEnd);
  let header: Record<string, unknown> | undefined;
  try {
    header = JSON.parse(firstLine);
  } catch {}
  if (header?.version !== stateVersion) {
    let document: unknown;
    try {
      document = header ?? JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      throw refuse(`not valid JSON (${(error as Error).message})`);
    }
    return loadVersion1(document, shown, spec, refuse);
  }
  if (header.format !== stateFormat) throw refuse(`no "format": "${stateFormat}" in it`);
  const snapshot = header.snapshot;
  if (!Number.isInteger(snapshot)) throw refuse('no "snapshot" count in its first line');
  if (firstEnd === -1) throw refuse("no line end after its first line");

  // Line by line on the bytes: checksums are over the bytes, and only each record's JSON becomes a string.
  const state = new CustomerState(shown, spec);
  let goodBytes = firstEnd + 1;
  let records = 0;
  let torn: string | undefined;
  for (let offset = goodBytes, line = 2; offset < bytes.length; line++) {
    const end = bytes.indexOf(10, offset);
    const record = parseRecordLine(bytes, offset, end === -1 ? bytes.length : end);
    offset = end === -1 ? bytes.length : end + 1;
    if (typeof record === "string" || end === -1) {
      // A crash during an append leaves at most the last record torn: it was never answered, so it is dropped.
      if (offset >= bytes.length) {
        torn = `line ${line}: ${typeof record === "string" ? record : "it has no line end"}`;
        break;
      }
      throw new StateFileRefused(
        `--state ${shown}: line ${line} is damaged (${record}), and records follow it. The file is left as it is: ` +
          "repair or move it away.",
      );
    }
    state.apply(record, line);
    records++;
    goodBytes = offset;
  }
  await state.validate();
  return {
    customers: state.customers,
    version: 2,
    snapshotRecords: Math.min(snapshot as number, records),
    journalRecords: Math.max(0, records - (snapshot as number)),
    goodBytes,
    torn,
  };
}

const idPattern = /^PCU_[A-Z0-9]{30}$/;

async function loadVersion1(
  document: unknown,
  shown: string,
  spec: string,
  refuse: (why: string) => Error,
): Promise<LoadedState> {
  const { format, version, merchants } = (document ?? {}) as Record<string, unknown>;
  if (format !== stateFormat) throw refuse(`no "format": "${stateFormat}" in it`);
  if (version !== 1) throw refuse(`version ${String(version)} is not a supported version (1 or ${stateVersion})`);
  if (!merchants || typeof merchants !== "object" || Array.isArray(merchants)) throw refuse('no "merchants" object');
  const state = new CustomerState(shown, spec);
  for (const [merchant, customers] of Object.entries(merchants)) {
    if (!Array.isArray(customers) || customers.some((c) => !idPattern.test((c as { id?: string })?.id ?? ""))) {
      throw refuse(`the customers of merchant "${merchant}" are not a list of customers with PCU_ ids`);
    }
    for (const customer of customers) state.apply({ op: "put", merchant, customer }, 0);
  }
  await state.validate();
  return { customers: state.customers, version: 1, snapshotRecords: 0, journalRecords: 0, goodBytes: 0 };
}

/** The customers as the records build them; an id is one customer's, across all merchants. */
class CustomerState {
  readonly customers: Customers = new Map();
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly shown: string,
    private readonly spec: string,
  ) {}

  apply(record: StateRecord, line: number): void {
    if (record.op === "reset") {
      this.customers.clear();
      this.owners.clear();
      return;
    }
    const id = record.op === "put" ? record.customer.id : record.id;
    const owner = this.owners.get(id);
    if (record.op === "delete") {
      if (owner === record.merchant) this.customers.get(owner)?.delete(id);
      if (owner === record.merchant) this.owners.delete(id);
      return;
    }
    if (owner !== undefined && owner !== record.merchant) {
      const where = line > 0 ? ` (line ${line})` : "";
      throw new StateFileRefused(
        `--state ${this.shown}: customer ${String(id)} of merchant "${record.merchant}"${where} has the id of a ` +
          `customer of merchant "${owner}"; ids are unique across merchants. The file is left as it is: repair it.`,
      );
    }
    let customers = this.customers.get(record.merchant);
    if (!customers) {
      customers = new Map();
      this.customers.set(record.merchant, customers);
    }
    customers.set(id, record.customer);
    this.owners.set(id, record.merchant);
  }

  /** Every customer must be one the spec allows in an answer: the first that is not is named. */
  async validate(): Promise<void> {
    const check = await customerCheck(this.spec);
    for (const [merchant, customers] of this.customers) {
      for (const customer of customers.values()) {
        const problem = check(customer);
        if (problem === undefined) continue;
        throw new StateFileRefused(
          `--state ${this.shown}: customer ${String(customer.id)} of merchant "${merchant}" breaks the spec's ` +
            `customer schema (${problem}). The file is left as it is: repair it or move it away.`,
        );
      }
    }
  }
}
